// The shared file store: content-type detection from magic bytes, photo metadata removal, 10 MB limit, bytes kept in
// the database (bytea). See store.ts and sanitize.ts; no module imports here.
export { ACCEPTED_FILE_TYPES, type AcceptedFileType, detectFileType } from "./detect.js";
export { sendStoredFile } from "./reply.js";
export { exifOrientation, MalformedFileError, stripJpegMetadata, stripPngMetadata } from "./sanitize.js";
export {
  type CheckedFile,
  checkFile,
  cleanFileName,
  deleteStoredFile,
  type FileToStore,
  MAX_FILE_BYTES,
  readStoredFile,
  type StoredFileInfo,
  storeFile,
} from "./store.js";
