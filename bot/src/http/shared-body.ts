import type { Request, Response } from 'express';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const compressors = {
  // Quality 4 is the compression middleware's own choice: smaller than gzip, and ~25× faster than brotli's maximum.
  br: (text: Buffer) =>
    promisify(brotliCompress)(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: text.length } }),
  gzip: (text: Buffer) => promisify(gzip)(text),
};

type Encoding = keyof typeof compressors;

/**
 * A JSON answer that many requests share (e.g. the plan list until the plan
 * changes): serialised once, and compressed at most once per encoding, off
 * the event loop. `send` answers with the encoding the client prefers (br,
 * then gzip, else none) and `Vary: Accept-Encoding`; the compression
 * middleware leaves an answer that already has a Content-Encoding alone.
 */
export class SharedJsonBody {
  private readonly bytes: Buffer;
  private readonly encoded = new Map<Encoding, Promise<Buffer>>();

  constructor(readonly json: string) {
    this.bytes = Buffer.from(json, 'utf8');
  }

  /** Sends the body as `application/json`, compressed when the request accepts br or gzip. */
  async send(req: Request, res: Response): Promise<void> {
    // Brotli whenever acceptable, else gzip (browsers list gzip first, which accepts' order would follow);
    // no Accept-Encoding at all means plain, as in the compression middleware.
    const encoding = !req.get('accept-encoding') ? null : req.acceptsEncodings('br') ? 'br' : req.acceptsEncodings('gzip') ? 'gzip' : null;
    const body = encoding ? await this.encode(encoding) : this.bytes;
    res.vary('Accept-Encoding');
    res.type('json');
    if (encoding) res.setHeader('Content-Encoding', encoding);
    res.send(body);
  }

  private encode(encoding: Encoding): Promise<Buffer> {
    let pending = this.encoded.get(encoding);
    if (!pending) {
      pending = compressors[encoding](this.bytes);
      // A failure is not kept: the next request tries again.
      pending.catch(() => this.encoded.delete(encoding));
      this.encoded.set(encoding, pending);
    }
    return pending;
  }
}
