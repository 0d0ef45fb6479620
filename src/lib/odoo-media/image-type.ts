/** What the first bytes of a file say it is: the image types a storefront can show, or why not. */
export type ImageType = { ok: true; mimeType: string; extension: string } | { ok: false; reason: string }

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/**
 * The content type from the magic bytes, never from a name or a declared type: JPEG, PNG, WebP and
 * GIF are accepted; SVG is refused (it can carry scripts), anything else is not an image.
 */
export function sniffImageType(bytes: Buffer): ImageType {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return { ok: true, mimeType: "image/jpeg", extension: "jpg" }
  }
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    return { ok: true, mimeType: "image/png", extension: "png" }
  }
  if (bytes.length >= 12 && bytes.subarray(0, 4).toString("latin1") === "RIFF" && bytes.subarray(8, 12).toString("latin1") === "WEBP") {
    return { ok: true, mimeType: "image/webp", extension: "webp" }
  }
  const head6 = bytes.subarray(0, 6).toString("latin1")
  if (head6 === "GIF87a" || head6 === "GIF89a") {
    return { ok: true, mimeType: "image/gif", extension: "gif" }
  }
  const text = bytes.subarray(0, 2048).toString("utf8").replace(/^\uFEFF/, "")
  if (/^\s*(<\?xml[\s\S]*?\?>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/i.test(text)) {
    return { ok: false, reason: "SVG images are refused (they can carry scripts)" }
  }
  return { ok: false, reason: "not a JPEG, PNG, WebP or GIF image" }
}
