import { createRequire } from 'node:module';
import type * as ACTypes from 'adaptivecards';

// The package's ESM build uses extensionless imports Node cannot load; its UMD bundle parses cards without a DOM.
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof ACTypes;

/** What the Adaptive Cards SDK said about a card. */
export interface CardCheck {
  version: string | undefined;
  warnings: string[];
  bytes: number;
}

/** Parses `card` with the Adaptive Cards SDK targeting 1.5 and returns its parse and validation messages. */
export function checkCard(card: unknown): CardCheck {
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const warnings: string[] = [];
  for (let i = 0; i < context.eventCount; i++) warnings.push(context.getEventAt(i).message);
  for (const event of parsed.validateProperties().validationEvents) warnings.push(event.message);
  const version = (card as { version?: string }).version;
  return { version, warnings, bytes: Buffer.byteLength(JSON.stringify(card), 'utf8') };
}

/** True when `version` is 1.5 or earlier (Teams renders no later schema). */
export function versionAtMost15(version: string | undefined): boolean {
  if (!version) return false;
  const [major, minor] = version.split('.').map(Number);
  return major === 1 && minor !== undefined && minor <= 5;
}

/** Every TextBlock text in the card, depth first. */
export function allTexts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    if (o.type === 'FactSet' && Array.isArray(o.facts))
      for (const f of o.facts as { title: string; value: string }[]) out.push(`${f.title}: ${f.value}`);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

/** Every element of `type` in the card, depth first. */
export function findAll(card: unknown, type: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.type === type) out.push(o);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

/** Undoes CommonMark backslash escapes and the zero-width space: what a reader sees of escaped text. */
export function unescapeForReader(s: string): string {
  return s
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/\u200B/g, '')
    .replace(/\n\n/g, '\n');
}
