// Runs in the "components" vitest project (jsdom). /build pieces in Chinese, with the
// real catalogues: the backend panel's translated reasons and the memory notice's budget.
import { cleanup, render, screen } from "@/test/components/intl";
import { afterEach, describe, expect, test } from "vitest";

import { BackendPanel } from "@/components/build/BackendPanel";
import { MemoryNotice } from "@/components/build/MemoryNotice";
import { calculate } from "@/lib/calculator";
import { msg } from "@/lib/i18n/msg";
import { parseRequest } from "@/lib/scaling/request";
import type { BackendChoice } from "@/lib/tfjs/backend-info";
import { deviceBudget, estimateMemory } from "@/lib/tfjs/memory-estimate";

afterEach(cleanup);

/** A selection as lib/tfjs/backends.ts reports it in a browser without WebGPU. */
const CHOICE: BackendChoice = {
  backend: "wasm",
  detail: "WASM, SIMD, 2 threads",
  detailMsg: msg("build.backend.detail.wasm", { simd: "yes", threads: 2 }),
  threads: 2,
  checks: [
    {
      name: "webgpu",
      status: "unavailable",
      reason: "requestAdapter failed: Adapter lost",
      msgs: [msg("build.backend.reason.adapterFailed", { detail: "Adapter lost" })],
    },
    {
      name: "webgl",
      status: "unavailable",
      reason: "WebGL 2 is unavailable (GPU disabled, blocklisted or no driver)",
      msgs: [msg("build.backend.reason.noWebgl2")],
    },
    {
      name: "wasm",
      status: "active",
      reason:
        "runs XNNPACK kernels in WebAssembly (SIMD, 2 threads); threads run as Web Workers sharing the WebAssembly memory",
      msgs: [
        msg("build.backend.reason.wasmActive", { simd: "yes", threads: 2 }),
        msg("build.backend.reason.wasmThreads"),
      ],
    },
    {
      name: "cpu",
      status: "not-tried",
      reason: "not tried: WASM ranks higher and works",
      msgs: [msg("build.backend.reason.notTriedRanks", { name: "WASM" })],
    },
  ],
};

function panel() {
  return <BackendPanel choice={CHOICE} prefer="auto" onPrefer={() => {}} busy={false} isolated />;
}

describe("/build in Chinese", () => {
  test("the backend panel's status, reasons and detail are translated; error text is data", () => {
    render(panel(), { locale: "zh" });
    expect(screen.getByTestId("backend-active").textContent).toBe("WASM，SIMD，2 个线程");
    const checks = screen.getByTestId("backend-checks");
    const row = (b: string) => checks.querySelector(`[data-backend="${b}"]`)!;
    expect(row("wasm").textContent).toContain("使用中");
    expect(row("wasm").textContent).toContain(
      "在 WebAssembly 中运行 XNNPACK 内核（SIMD，2 个线程）；各线程作为共享 WebAssembly 内存的后台线程运行",
    );
    expect(row("webgl").textContent).toContain("已跳过");
    expect(row("webgpu").textContent).toContain("请求 GPU 适配器失败：Adapter lost");
    expect(row("webgpu").querySelector('[translate="no"]')?.textContent).toBe("Adapter lost");
    expect(row("cpu").textContent).toContain("未尝试：WASM 优先级更高且可用");
    expect(screen.getByTestId("isolation").textContent).toMatch(
      /^跨源隔离：\s*是（已设置 COOP\/COEP/,
    );
    expect(screen.getByRole("option", { name: "最佳可用" })).toBeTruthy();
  });

  test("in English the panel reads exactly as lib/ wrote it", () => {
    render(panel());
    expect(screen.getByTestId("backend-active").textContent).toBe(CHOICE.detail);
    for (const c of CHOICE.checks) {
      const row = screen.getByTestId("backend-checks").querySelector(`[data-backend="${c.name}"]`)!;
      expect(row.textContent).toContain(c.reason);
    }
  });

  test("the memory notice gives the budget's source in Chinese", () => {
    const calc = calculate(parseRequest({ preset: "b7" }));
    const estimate = estimateMemory(calc, { batch: 1 });
    const budget = deviceBudget({ deviceMemoryGB: 0.25, backend: "wasm" });
    render(
      <MemoryNotice
        estimate={estimate}
        budget={budget}
        over
        confirming
        onGo={() => {}}
        onCancel={() => {}}
      />,
      { locale: "zh" },
    );
    const notice = screen.getByTestId("memory-estimate");
    expect(notice.textContent).toContain("这个网络对本设备来说很重。");
    expect(notice.textContent).toContain("浏览器报告的 0.25 GB 的四分之一，受 32 位 WASM 堆限制");
    expect(screen.getByRole("button", { name: "仍然构建" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "不构建" })).toBeTruthy();
  });
});
