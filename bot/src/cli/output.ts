import { writeFile } from 'node:fs/promises';
import { AppError } from '../errors.js';
import type { CliContext } from './context.js';

/**
 * Writes a command's file (an export, a roll-up) to `out`, or to stdout when
 * no file is named. Resolves true when it went to the file, so the caller
 * can say so; a file that cannot be written is `bad_input` naming it.
 */
export async function writeOutput(ctx: Pick<CliContext, 'write'>, body: string | Uint8Array, out: string | undefined): Promise<boolean> {
  if (!out) {
    ctx.write(body);
    return false;
  }
  try {
    await writeFile(out, body);
  } catch (e) {
    throw new AppError('bad_input', `Could not write ${out}: ${(e as NodeJS.ErrnoException).code ?? String(e)}.`, { cause: e });
  }
  return true;
}
