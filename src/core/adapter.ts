import type { Platform } from './incoming.js';
import type { Sender } from '../kernel/sender.js';

export interface AdapterStatus {
  connected: boolean;
  /** a short reason when not connected ("token rejected", "reconnecting") */
  detail?: string;
  /** an adapter with end-to-end encryption (Matrix): its device and whether its key store is readable and saved */
  crypto?: { deviceId: string; fingerprint: string; crossSigned: boolean; storeOk: boolean; heldByThisProcess: boolean; records: number; storeBytes: number };
}

/** A transport around the core: Slack, Matrix, the console. It translates; it holds no business rule. */
export interface Adapter {
  readonly platform: Platform;
  /** how the reminder loop posts to this platform's channels */
  readonly sender: Sender;
  start(): Promise<void>;
  /** stop taking messages and close connections */
  stop(): Promise<void>;
  status(): AdapterStatus;
}
