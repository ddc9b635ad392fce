/** Pieces every page shares: card, buttons, downloads, chart frame, worker client. */
export { Button, buttonClass, BUTTON_CLASS, type ButtonVariant } from "./Button";
export { Card, CARD_CLASS } from "./Card";
export { download, downloadBlob, downloadDataUrl, MIME, safeFilename, toBlob } from "./download";
export { DownloadButton, type DownloadFile } from "./DownloadButton";
