/** The crypto store's records in the key-value store (the store itself is under `matrix:crypto:`). */
export const cryptoKeys = {
  prefix: 'matrix:crypto',
  salt: 'matrix:crypto-salt',
  holder: 'matrix:crypto-holder',
  /** the device the store belongs to, written before its first key is made */
  device: 'matrix:crypto-device',
  /** the device's public keys, for doctor and /healthz (public: other members see them too) */
  identity: 'matrix:crypto-identity',
};

export interface CryptoIdentity {
  userId: string;
  deviceId: string;
  /** the device's Ed25519 key, as Element shows it ("Session key") */
  ed25519: string;
  curve25519: string;
  /** whether the bot's user identity signed the device (at the last start) */
  crossSigned?: boolean;
}

/** the Ed25519 key in groups of four, as Element shows it when verifying by hand */
export const fingerprintOf = (ed25519: string) => ed25519.match(/.{1,4}/g)?.join(' ') ?? ed25519;
