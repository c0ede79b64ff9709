import type { FastifyReply } from "fastify";
import type { StoredFileInfo } from "./store.js";

/**
 * A stored file as an answer: its checked type, never cached (it is someone's photo), shown inline, and never
 * sniffed into another type by the browser.
 */
export function sendStoredFile(reply: FastifyReply, file: { info: StoredFileInfo; bytes: Buffer }) {
  return reply
    .header("content-type", file.info.contentType)
    .header("cache-control", "private, no-store")
    .header("content-disposition", "inline")
    .header("x-content-type-options", "nosniff")
    .send(file.bytes);
}
