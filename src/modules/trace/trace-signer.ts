import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { Clock } from '../../shared/time.js';
import { keyIdOf, rawPublicKeyOf, signCheckpoint, type Checkpoint } from './domain/checkpoint.js';
import type { TraceStore } from './trace.store.js';

/** A checkpoint-signing key, loaded. */
export interface LoadedKey {
  readonly name: string;
  /** Absent for a key known only by its public half. */
  readonly privateKey?: KeyObject;
  readonly publicKey: KeyObject;
  /** Raw 32-byte public key. */
  readonly raw: Uint8Array;
  /** The C2SP key id: 4 bytes. */
  readonly keyId: Uint8Array;
}

/** PKCS#8 DER of an Ed25519 private key is this fixed prefix followed by the 32-byte seed (RFC 8410). */
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * The install's Ed25519 checkpoint key under `name`: made from 32 injected random bytes the first time
 * it is needed, stored (PKCS#8 PEM) and reused; when two processes race, the first stored key wins and
 * both use it. Older names' keys stay readable to verify the checkpoints they signed.
 */
export class TraceSigner {
  private readonly keys = new Map<string, Promise<LoadedKey | undefined>>();

  constructor(private readonly store: TraceStore, private readonly clock: Clock, private readonly random: (bytes: number) => Uint8Array, readonly name: string) {}

  /** The key that signs new checkpoints (made on first use). */
  async signingKey(): Promise<LoadedKey> {
    const existing = await this.keyNamed(this.name);
    if (existing?.privateKey) return existing;
    const seed = this.random(32);
    const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
    await this.store.insertSigningKey({ name: this.name, privateKeyPem: String(privateKey.export({ format: 'pem', type: 'pkcs8' })), publicKey: rawPublicKeyOf(privateKey), createdAt: this.clock.now() });
    this.keys.delete(this.name);
    const stored = await this.keyNamed(this.name);
    if (!stored?.privateKey) throw new Error(`the signing key ${this.name} could not be stored`);
    return stored;
  }

  /** A stored key by name, or undefined. */
  keyNamed(name: string): Promise<LoadedKey | undefined> {
    let p = this.keys.get(name);
    if (!p) {
      p = this.store.signingKey(name).then((k) => {
        if (!k) { this.keys.delete(name); return undefined; }
        const privateKey = createPrivateKey(k.privateKeyPem);
        const publicKey = createPublicKey(privateKey);
        return { name, privateKey, publicKey, raw: rawPublicKeyOf(publicKey), keyId: keyIdOf(name, publicKey) };
      }, (err: unknown) => { this.keys.delete(name); throw err; });
      this.keys.set(name, p);
    }
    return p;
  }

  /** Signs a checkpoint with the current key: the whole signed note. */
  async sign(c: Checkpoint): Promise<string> {
    const key = await this.signingKey();
    return signCheckpoint(c, key.name, key.privateKey as KeyObject);
  }
}
