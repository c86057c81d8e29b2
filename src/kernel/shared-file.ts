/** A file as the platform announced it: its name, the size it declares, and how to download it. */
export interface SharedFile {
  name: string;
  /** the size in bytes the platform declares (Slack's file object, Matrix's info.size), when it gives one */
  size?: number;
  /**
   * Starts the download and resolves with the body as a stream of bytes (or throws; a UserError carries its own
   * sentence). Aborting `signal` stops it. The declared size may lie: the reader counts the bytes itself.
   */
  open(signal: AbortSignal): Promise<AsyncIterable<Uint8Array>>;
}
