// Copying files from a server: plain parallel SFTP, one exec stream (plain,
// or compressed for text on slow links), and whole folders. Every function takes an ssh2 Client
// (or an open SFTP session) that someone else connected.
export { fetchFile, type FetchFileOptions, type FetchFileResult } from './fetch-file';
export { fetchFolder, type FetchFolderOptions, type FetchFolderResult, type FetchedFile } from './fetch-folder';
export {
  streamFetch,
  localZstd,
  type StreamFetchOptions,
  type StreamFetchResult,
  type Compressor,
} from './stream-fetch';
export { fetchAuto, type AutoFetchOptions } from './fetch-auto';
export {
  chooseTransferMode,
  estimateCompressionRatio,
  CODEC_SPEEDS,
  type ModeInputs,
  type TransferMode,
} from './transfer-mode';
export { execVia, serverCompressors, sha256Over, shellQuote, type RemoteExec } from './remote-shell';
export type { RemoteSha256 } from './verify';
export type { TransferProgress, ProgressListener } from './progress-meter';
export type { FreeSpace } from './disk-space';
export type { SftpTarget } from './sftp-calls';
export { partPathOf } from './part-file';
