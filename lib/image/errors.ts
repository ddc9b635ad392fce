/** Why an image was refused. Each code has its own message; the UI and CLI show `message`. */
export type ImageErrorCode =
  | "empty"
  | "too-many-bytes"
  | "too-many-pixels"
  | "unsupported-format"
  | "corrupt"
  | "fetch-failed";

export class ImageError extends Error {
  readonly code: ImageErrorCode;
  constructor(code: ImageErrorCode, message: string) {
    super(message);
    this.name = "ImageError";
    this.code = code;
  }
}
