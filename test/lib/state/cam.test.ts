import { describe, expect, it } from "vitest";

import { CAM_PROPS, createCamStore } from "@/lib/state/cam";
import { CAM_METHODS } from "@/lib/tfjs/cam-methods";

describe("the /cam settings store", () => {
  it("reads a link, corrects bad values with notes, and writes the canonical query", () => {
    const s = createCamStore("?method=scorecam&opacity=2&colormap=nope&class=12&faithfulness=off");
    const st = s.getState();
    expect(st.values).toMatchObject({
      method: "scorecam",
      opacity: 1,
      colormap: "jet",
      class: 12,
      faithfulness: false,
    });
    expect(st.notes.map((n) => n.key).sort()).toEqual(["colormap", "opacity"]);
    expect(st.query).toBe("method=scorecam&opacity=1&class=12&faithfulness=false");
    st.set("method", "layercam");
    st.set("layer", "3.4");
    expect(s.getState().values.layer).toBe(3);
    expect(s.getState().notes[0].message).toMatch(/not a whole number/);
    expect(s.getState().query).toBe(
      "method=layercam&layer=3&opacity=1&class=12&faithfulness=false",
    );
    s.getState().load(s.getState().query);
    expect(s.getState().values.method).toBe("layercam");
    expect(s.getState().notes).toEqual([]);
  });

  it("offers exactly the registry's methods", () => {
    expect(CAM_PROPS.method.values).toEqual(CAM_METHODS);
  });
});
