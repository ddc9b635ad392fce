#!/usr/bin/env python3
"""Reference counts of MobileNetV3-Large/-Small and EfficientNetV2-S/-M/-L from torchvision's
own model definitions (Debian's python3-torchvision, 0.14), for test/lib/cost/reference-v3-v2.test.ts.

    /usr/bin/python3 scripts/reference/torchvision_counts.py > test/reference/torchvision-v3-v2-counts.json

Counting conventions (../shared/docs/conventions.md, the paper's):
  trainable params  sum of numel of parameters (torchvision's num_params)
  BN statistics     running_mean + running_var of every BatchNorm2d
  MACs              forward hooks at batch 1: conv out_h*out_w*out_c*(in_c/groups)*kh*kw,
                    linear in*out; nothing else.

Width and depth are applied the way torchvision applies them where it can:
  MobileNetV3     torchvision's width_mult (every channel count, _make_divisible(c*w, 8),
                  last_channel = _make_divisible(1280|1024 * w, 8)); torchvision has no depth
                  multiplier, so consecutive equal rows of its table (same kernel, expanded and
                  output channels, SE, activation; stride 1 after the first) form a stage of
                  n blocks that becomes ceil(n*d) blocks.
  EfficientNetV2  torchvision's _efficientnet_conf("efficientnet_v2_*") tables with
                  MBConvConfig.adjust_channels(c, w) and adjust_depth(n, d) applied to every
                  row (as torchvision does for V1), last_channel = _make_divisible(1280*w, 8)
                  (the authors' round_filters head; torchvision's own V2 passes 1280), BN eps 1e-3.
At width = depth = 1 each net is also built with torchvision's own constructor
(mobilenet_v3_large(), efficientnet_v2_s(), ...) and must give the same counts.

Padding: torchvision pads (k-1)//2 on every side, TF "SAME" pads asymmetrically; both give
out = ceil(H/s) for odd kernels, so output sizes (and counts) agree at every input size. The
script checks this for every conv and records it under "padding".
"""
import copy
import json
import math
import sys
from functools import partial

import torch
import torchvision
from torch import nn
from torchvision.models import efficientnet as tv_eff
from torchvision.models import mobilenetv3 as tv_v3
from torchvision.models._utils import _make_divisible

V3 = {"mobilenetv3large": "mobilenet_v3_large", "mobilenetv3small": "mobilenet_v3_small"}
V2 = {"efficientnetv2s": "efficientnet_v2_s", "efficientnetv2m": "efficientnet_v2_m",
      "efficientnetv2l": "efficientnet_v2_l"}
V3_LAST = {"mobilenetv3large": 1280, "mobilenetv3small": 1024}
V2_DROPOUT = {"efficientnetv2s": 0.2, "efficientnetv2m": 0.3, "efficientnetv2l": 0.4}

# (model, width, depth, resolution, classes): baselines at their own size, widths below and
# above 1, depths below and above 1, odd resolutions, other class counts.
CASES = [
    ("mobilenetv3large", 1, 1, 224, 1000),
    ("mobilenetv3large", 0.75, 1, 224, 1000),
    ("mobilenetv3large", 1.25, 1.5, 193, 10),
    ("mobilenetv3large", 0.5, 2, 97, 100),
    ("mobilenetv3large", 1, 1, 225, 1000),
    ("mobilenetv3large", 0.35, 0.5, 161, 7),
    ("mobilenetv3small", 1, 1, 224, 1000),
    ("mobilenetv3small", 0.75, 1, 224, 1000),
    ("mobilenetv3small", 1.3, 1.7, 199, 10),
    ("mobilenetv3small", 0.5, 0.5, 97, 3),
    ("mobilenetv3small", 2, 3, 257, 1000),
    ("efficientnetv2s", 1, 1, 384, 1000),
    ("efficientnetv2s", 0.5, 0.5, 127, 10),
    ("efficientnetv2s", 1.1, 1.2, 224, 1000),
    ("efficientnetv2s", 0.75, 1, 301, 100),
    ("efficientnetv2m", 1, 1, 480, 1000),
    ("efficientnetv2m", 0.6, 0.4, 161, 5),
    ("efficientnetv2l", 1, 1, 480, 1000),
    ("efficientnetv2l", 0.5, 0.3, 97, 3),
]


def v3_stages(arch):
    """torchvision's V3 rows (width 1) grouped into stages: (cfg, n)."""
    rows, _ = tv_v3._mobilenet_v3_conf(arch)
    stages = []
    for c in rows:
        key = (c.kernel, c.expanded_channels, c.out_channels, c.use_se, c.use_hs)
        prev = stages[-1] if stages else None
        if prev and c.stride == 1 and c.input_channels == c.out_channels and prev[1] == key:
            prev[2] += 1
        else:
            stages.append([c, key, 1])
    return [(c, n) for c, _, n in stages]


def build_v3(model, w, d, classes):
    arch = V3[model]
    conf = partial(tv_v3.InvertedResidualConfig, width_mult=w)
    setting = []
    for c, n in v3_stages(arch):
        for i in range(math.ceil(n * d)):
            setting.append(conf(c.input_channels if i == 0 else c.out_channels, c.kernel,
                                c.expanded_channels, c.out_channels, c.use_se,
                                "HS" if c.use_hs else "RE", c.stride if i == 0 else 1, 1))
    last = tv_v3.InvertedResidualConfig.adjust_channels(V3_LAST[model], w)
    return tv_v3.MobileNetV3(setting, last, num_classes=classes, dropout=0.2)


def build_v2(model, w, d, classes):
    settings, _ = tv_eff._efficientnet_conf(V2[model])
    settings = [copy.copy(c) for c in settings]
    for c in settings:
        c.input_channels = tv_eff.MBConvConfig.adjust_channels(c.input_channels, w)
        c.out_channels = tv_eff.MBConvConfig.adjust_channels(c.out_channels, w)
        c.num_layers = tv_eff.MBConvConfig.adjust_depth(c.num_layers, d)
    return tv_eff.EfficientNet(settings, V2_DROPOUT[model], last_channel=_make_divisible(1280 * w, 8),
                               num_classes=classes, norm_layer=partial(nn.BatchNorm2d, eps=1e-3))


def own_constructor(model, classes):
    if model in V3:
        return getattr(torchvision.models, V3[model])(num_classes=classes)
    return getattr(torchvision.models, V2[model])(num_classes=classes)


def count(net, resolution):
    net.eval()
    trainable = sum(p.numel() for p in net.parameters() if p.requires_grad)
    bn = sum(m.running_mean.numel() + m.running_var.numel()
             for m in net.modules() if isinstance(m, nn.BatchNorm2d))
    macs = [0]
    same = [True]

    def conv_hook(m, inp, out):
        _, cin, h, w = inp[0].shape
        _, cout, oh, ow = out.shape
        kh, kw = m.kernel_size
        macs[0] += oh * ow * cout * (cin // m.groups) * kh * kw
        s = m.stride[0]
        if oh != math.ceil(h / s) or ow != math.ceil(w / s):
            same[0] = False

    def linear_hook(m, inp, out):
        macs[0] += m.in_features * m.out_features

    hooks = []
    for m in net.modules():
        if isinstance(m, nn.Conv2d):
            hooks.append(m.register_forward_hook(conv_hook))
        elif isinstance(m, nn.Linear):
            hooks.append(m.register_forward_hook(linear_hook))
    with torch.no_grad():
        net(torch.zeros(1, 3, resolution, resolution))
    for h in hooks:
        h.remove()
    return trainable, bn, macs[0], same[0]


def main():
    torch.set_num_threads(1)
    out = {
        "source": f"torchvision {torchvision.__version__} (torch {torch.__version__}); scripts/reference/torchvision_counts.py",
        "padding": "torchvision's symmetric (k-1)//2 padding gives ceil(H/s) at every layer for every case below (odd sizes too), as TF SAME does",
        "cases": [],
    }
    for model, w, d, res, classes in CASES:
        build = build_v3 if model in V3 else build_v2
        t, bn, macs, same = count(build(model, w, d, classes), res)
        if not same:
            out["padding"] = "some layer's output size differs from ceil(H/s); see cases[].sameAsCeil"
        if w == 1 and d == 1:
            t2, bn2, macs2, _ = count(own_constructor(model, classes), res)
            if (t2, bn2, macs2) != (t, bn, macs):
                sys.exit(f"{model}: rebuilt table differs from torchvision's constructor")
        out["cases"].append({
            "model": model, "width": w, "depth": d, "resolution": res, "classes": classes,
            "trainableParams": t, "nonTrainableParams": bn, "macs": macs, "sameAsCeil": same,
        })
        print(f"{model} w{w} d{d} r{res} k{classes}: {t} params, {macs} MACs", file=sys.stderr)
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
