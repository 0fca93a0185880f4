// A deliberately small reader for the subset of Bicep that infra/ uses: no
// Bicep compiler ships through npm, so the tests read declarations instead.
// Anything outside that subset throws, so a test never passes on text it
// did not understand.

/** A `param` declaration in a .bicep file with its decorators. */
export interface BicepParam {
  name: string;
  type: 'string' | 'int' | 'bool' | 'array' | 'object';
  hasDefault: boolean;
  secure: boolean;
  description?: string;
  allowed?: (string | number)[];
}

/** A `param name = value` line of a .bicepparam file and the type its value has. */
export interface ParamValue {
  expression: string;
  type: BicepParam['type'] | 'readEnvironmentVariable';
}

function depth(s: string): number {
  let d = 0;
  for (const ch of s) {
    if (ch === '(' || ch === '[' || ch === '{') d++;
    else if (ch === ')' || ch === ']' || ch === '}') d--;
  }
  return d;
}
const withoutStrings = (s: string) => s.replace(/'(?:\\'|[^'])*'/g, "''");

/** Joins lines so that every bracket opened on a statement's first line is closed. */
function statements(text: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/^\s*\/\/.*$/, '');
    if (!current && !line.trim()) continue;
    current = current ? `${current}\n${line}` : line.trim();
    if (depth(withoutStrings(current)) <= 0) {
      out.push(current);
      current = '';
    }
  }
  if (current) throw new Error(`unbalanced brackets near: ${current.slice(0, 80)}`);
  return out;
}

const literal = (s: string): string | number => (/^-?\d+$/.test(s) ? Number(s) : s.replace(/^'|'$/g, '').replace(/\\'/g, "'"));

/** Every `param` of a .bicep file, with @secure, @description and single-value @allowed lists. */
export function readParams(text: string): BicepParam[] {
  const params: BicepParam[] = [];
  let pending: Omit<BicepParam, 'name' | 'type' | 'hasDefault'> = { secure: false };
  for (const s of statements(text)) {
    if (s.startsWith('@')) {
      const m = /^@(\w+)\(([\s\S]*)\)$/.exec(s);
      if (!m) throw new Error(`unreadable decorator: ${s}`);
      const [, name, arg = ''] = m;
      if (name === 'secure') pending.secure = true;
      else if (name === 'description') pending.description = String(literal(arg.trim()));
      else if (name === 'allowed') {
        const items = arg
          .trim()
          .replace(/^\[|\]$/g, '')
          .split(/[,\n]/)
          .map((x) => x.trim())
          .filter(Boolean);
        pending.allowed = items.map(literal);
      }
      continue;
    }
    const p = /^param\s+(\w+)\s+(\w+)(\s*=\s*[\s\S]+)?$/.exec(s);
    if (p) {
      const [, name = '', type = '', dflt] = p;
      if (!['string', 'int', 'bool', 'array', 'object'].includes(type)) throw new Error(`param ${name} has an unsupported type ${type}`);
      params.push({ name, type: type as BicepParam['type'], hasDefault: dflt !== undefined, ...pending });
    }
    pending = { secure: false };
  }
  return params;
}

function typeOf(expression: string): ParamValue['type'] {
  if (/^'(?:\\'|[^'])*'$/.test(expression)) return 'string';
  if (/^-?\d+$/.test(expression)) return 'int';
  if (/^(true|false)$/.test(expression)) return 'bool';
  if (expression.startsWith('[')) return 'array';
  if (expression.startsWith('{')) return 'object';
  if (/^readEnvironmentVariable\('[A-Z0-9_]+'(, '(?:\\'|[^'])*')?\)$/.test(expression)) return 'readEnvironmentVariable';
  throw new Error(`cannot tell the type of: ${expression}`);
}

/** The `using` target and every `param name = value` of a .bicepparam file. */
export function readParamFile(text: string): { using: string; values: Map<string, ParamValue> } {
  let using = '';
  const values = new Map<string, ParamValue>();
  for (const s of statements(text)) {
    const u = /^using\s+'([^']+)'$/.exec(s);
    if (u) {
      using = u[1] ?? '';
      continue;
    }
    const p = /^param\s+(\w+)\s*=\s*([\s\S]+)$/.exec(s);
    if (!p) throw new Error(`unreadable statement in a .bicepparam file: ${s}`);
    const [, name = '', expression = ''] = p;
    if (values.has(name)) throw new Error(`param ${name} is set twice`);
    values.set(name, { expression: expression.trim(), type: typeOf(expression.trim()) });
  }
  return { using, values };
}

/**
 * The top-level keys (and their value expressions) of the `properties` object
 * of the resource declared with `symbol`.
 */
export function readResourceProperties(text: string, symbol: string): Map<string, string> {
  const resource = statements(text).find((s) => new RegExp(`^resource\\s+${symbol}\\s+'`).test(s));
  if (!resource) throw new Error(`no resource ${symbol}`);
  const lines = resource.split('\n');
  const start = lines.findIndex((l) => /^\s*properties:\s*\{\s*$/.test(l));
  if (start < 0) throw new Error(`resource ${symbol} has no properties block`);
  const keys = new Map<string, string>();
  let level = 1;
  for (const line of lines.slice(start + 1)) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.+)$/.exec(line);
    if (level === 1 && m) keys.set(m[1] ?? '', (m[2] ?? '').trim());
    level += depth(withoutStrings(line));
    if (level <= 0) return keys;
  }
  throw new Error(`resource ${symbol}: properties block never closes`);
}
