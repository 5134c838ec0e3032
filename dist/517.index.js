export const id = 517;
export const ids = [517];
export const modules = {

/***/ 2517:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  findReferences: () => (/* binding */ findReferences)
});

// EXTERNAL MODULE: ./src/reference.ts
var reference = __webpack_require__(8286);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/files/detect-kind.ts
/**
 * Which finder reads a file, from its path and, for YAML that could be anything, its text.
 * Cheap and free of the YAML parser, so the caller can decide before loading it. Pure.
 *
 * - `Dockerfile`, `Containerfile`, `Dockerfile.*`, `Containerfile.*`, `*.Dockerfile`,
 *   `*.dockerfile` (any case; `.dockerignore` files are not Dockerfiles) → dockerfile
 * - `.github/workflows/*.yml|yaml`, and `action.yml|yaml` (Docker and composite actions) → workflow
 * - `compose.yaml`, `compose.yml`, `compose.<anything>.yaml`, `docker-compose*.yml|yaml` → compose
 * - any other `.yml`/`.yaml` with a top-level `apiVersion` and `kind` → kubernetes
 */
function detectFileKind(path, text) {
    const normal = path.replace(/\\/g, '/');
    const base = normal.slice(normal.lastIndexOf('/') + 1);
    if (/\.(docker|container)ignore$/i.test(base))
        return null;
    if (/^(dockerfile|containerfile)(\..+)?$/i.test(base) ||
        /\.(dockerfile|containerfile)$/i.test(base))
        return 'dockerfile';
    if (!/\.ya?ml$/i.test(base))
        return null;
    if (/(^|\/)\.github\/workflows\/[^/]+$/.test(normal))
        return 'workflow';
    if (/^action\.ya?ml$/.test(base))
        return 'workflow';
    if (/^compose(\.[^/]+)?\.ya?ml$/i.test(base) || /^docker-compose.*\.ya?ml$/i.test(base))
        return 'compose';
    if (/^["']?apiVersion["']?[ \t]*:/m.test(text) && /^["']?kind["']?[ \t]*:/m.test(text))
        return 'kubernetes';
    return null;
}
/** True for `action.yml` / `action.yaml`: an action's metadata, not a workflow. */
function isActionMetadata(path) {
    return /(^|[\\/])action\.ya?ml$/.test(path);
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/files/yaml-scan.ts

/**
 * The documents of a stream that parsed cleanly. Each syntax error becomes a problem naming
 * the file, line and column; its document is left out, the others are kept.
 */
function parseYamlDocuments(scan) {
    const docs = (0,dist/* parseAllDocuments */.hR)(scan.text, { prettyErrors: false });
    const good = [];
    const report = (errors) => {
        for (const e of errors) {
            const position = scan.lines.positionAt(e.pos[0]);
            scan.problems.push({
                file: scan.file,
                ...position,
                message: `${scan.file}:${position.line}:${position.column}: not valid YAML: ${e.message}`
            });
        }
    };
    if (!Array.isArray(docs))
        return good;
    if ('empty' in docs)
        report(docs.errors);
    for (const doc of docs) {
        if (doc.errors.length)
            report(doc.errors);
        else
            good.push(doc);
    }
    return good;
}
/** Follows an alias to the node it names (once per hop, refusing cycles). */
function deref(node, doc) {
    let current = node;
    for (let hops = 0; (0,dist/* isAlias */.Vj)(current); hops++) {
        if (hops > 32)
            return undefined;
        current = current.resolve(doc);
    }
    return (0,dist/* isScalar */.jn)(current) || (0,dist/* isMap */.jh)(current) || (0,dist/* isSeq */.oP)(current) ? current : undefined;
}
/**
 * The value under `key` in a mapping as written (an alias stays an alias), looking through
 * merge keys when it is not there.
 */
function mapGetRaw(node, key, doc, depth = 0) {
    const map = deref(node, doc);
    if (!(0,dist/* isMap */.jh)(map) || depth > 32)
        return undefined;
    for (const pair of map.items) {
        if ((0,dist/* isScalar */.jn)(pair.key) && pair.key.value === key)
            return pair.value ?? undefined;
    }
    for (const pair of map.items) {
        if (!(0,dist/* isScalar */.jn)(pair.key) || pair.key.value !== '<<')
            continue;
        const sources = (0,dist/* isSeq */.oP)(pair.value) ? pair.value.items : [pair.value];
        for (const source of sources) {
            const found = mapGetRaw(source, key, doc, depth + 1);
            if (found !== undefined)
                return found;
        }
    }
    return undefined;
}
/** The value under `key` in a mapping, aliases followed. */
function mapGet(node, key, doc) {
    return deref(mapGetRaw(node, key, doc), doc);
}
/** The string-keyed entries of a mapping, in order. */
function mapEntries(node, doc) {
    const map = deref(node, doc);
    if (!(0,dist/* isMap */.jh)(map))
        return [];
    return map.items
        .filter(pair => (0,dist/* isScalar */.jn)(pair.key) && typeof pair.key.value === 'string')
        .map(pair => [pair.key.value, pair.value]);
}
/** The items of a sequence (aliases followed). */
function seqItems(node, doc) {
    const seq = deref(node, doc);
    return (0,dist/* isSeq */.oP)(seq) ? seq.items : [];
}
/** A mapping's string value under `key`, or undefined. */
function mapString(node, key, doc) {
    const value = mapGet(node, key, doc);
    return (0,dist/* isScalar */.jn)(value) && typeof value.value === 'string' ? value.value : undefined;
}
/**
 * Records the image a scalar holds at `where`. The span is the value's own characters
 * (inside the quotes, for a quoted scalar); a value whose source differs from its value
 * (escapes, folding, block scalars) is reported but not pinnable.
 */
function readImageNode(scan, doc, raw, where, options = {}) {
    const node = deref(raw, doc);
    const at = node?.range?.[0] ?? raw?.range?.[0] ?? 0;
    const skip = (text, reason) => {
        scan.skipped.push({
            file: scan.file,
            ...scan.lines.positionAt(at),
            kind: scan.kind,
            where,
            text,
            reason
        });
    };
    if (!(0,dist/* isScalar */.jn)(node) || !node.range) {
        skip('', 'the value is not a string');
        return;
    }
    if (node.value === null || node.value === '') {
        skip('', 'the value is empty');
        return;
    }
    if (typeof node.value !== 'string') {
        skip(scan.text.slice(node.range[0], node.range[1]), 'the value is not a string');
        return;
    }
    const value = node.value;
    const prefix = options.prefix ?? '';
    const image = value.slice(prefix.length);
    const reason = options.skipReason?.(image);
    if (reason) {
        skip(value, reason);
        return;
    }
    const [from, to] = node.range;
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
    const innerFrom = quoted ? from + 1 : from;
    const innerTo = quoted ? to - 1 : to;
    const written = scan.text.slice(innerFrom, innerTo);
    const exact = written === value && node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED';
    const start = exact ? innerFrom + prefix.length : from;
    const end = exact ? innerTo : to;
    const ref = {
        file: scan.file,
        ...scan.lines.positionAt(start),
        start,
        end,
        text: exact ? image : scan.text.slice(from, to),
        image,
        kind: scan.kind,
        where: (0,dist/* isAlias */.Vj)(raw) ? `${where} (through alias *${raw.source})` : where,
        pinnable: exact
    };
    if (!exact) {
        ref.reason =
            'the value is written with escapes, line folding or as a block scalar; rewriting it in place is not safe';
    }
    scan.references.push(ref);
}

;// CONCATENATED MODULE: ./src/files/find-compose.ts

/**
 * `services.<name>.image` of a Compose file (compose-spec 05-services.md#image). A service
 * that also has `build` names the image Compose builds and tags, not one it pulls, so it is
 * skipped. Values with `$` are interpolated from the environment (compose-spec
 * 12-interpolation.md) and cannot be known from the file. Pure.
 */
function findComposeReferences(scan) {
    for (const doc of parseYamlDocuments(scan)) {
        for (const [name, service] of mapEntries(mapGet(doc.contents, 'services', doc), doc)) {
            const image = mapGetRaw(service, 'image', doc);
            if (!image)
                continue;
            const where = `services.${name}.image`;
            const built = mapGet(service, 'build', doc) !== undefined;
            readImageNode(scan, doc, image, where, {
                skipReason: value => built
                    ? 'the service has build:, so image: names the image Compose builds, not one it pulls'
                    : value.includes('$')
                        ? 'the value uses variable interpolation ($VAR or ${VAR}), filled in from the environment when Compose runs'
                        : undefined
            });
        }
    }
}

;// CONCATENATED MODULE: ./src/files/dockerfile-lines.ts
/**
 * Dockerfile text → instructions, as BuildKit's parser reads it (moby/buildkit
 * frontend/dockerfile/parser): parser directives at the top (`# escape=`), comments, blank
 * lines, line continuations with the escape character, comment and blank lines inside a
 * continuation dropped, and heredoc bodies (`RUN <<EOF`) stepped over so their lines are never
 * taken for instructions. Each instruction keeps the source offset of every character, so a
 * word can be mapped back to the exact bytes it came from. Pure.
 */
const DIRECTIVE = /^#[ \t]*([A-Za-z][A-Za-z0-9]*)[ \t]*=[ \t]*(.+?)[ \t]*$/;
const HEREDOC = /(?<!<)<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;
const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD']);
function splitPhysicalLines(text) {
    const lines = [];
    const breaks = /\r\n|\n|\r/g;
    let start = 0;
    for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
        lines.push({ start, content: text.slice(start, m.index) });
        start = m.index + m[0].length;
    }
    if (start < text.length)
        lines.push({ start, content: text.slice(start) });
    return lines;
}
const isBlank = (s) => /^[ \t]*$/.test(s);
const isComment = (s) => /^[ \t]*#/.test(s);
/** Reads the instructions of a Dockerfile or Containerfile. Never throws. */
function readInstructions(source) {
    const lines = splitPhysicalLines(source);
    if (lines.length && lines[0].content.startsWith('\uFEFF')) {
        lines[0] = { start: 1, content: lines[0].content.slice(1) };
    }
    let escape = '\\';
    let i = 0;
    // Directives count only before the first comment, blank line or instruction.
    for (; i < lines.length; i++) {
        const m = DIRECTIVE.exec(lines[i].content);
        if (!m)
            break;
        if (m[1].toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\'))
            escape = m[2];
    }
    const continuation = new RegExp(`${escape === '\\' ? '\\\\' : '`'}[ \\t]*$`);
    const instructions = [];
    while (i < lines.length) {
        const first = lines[i];
        if (isBlank(first.content) || isComment(first.content)) {
            i++;
            continue;
        }
        let text = '';
        const offsets = [];
        const line = i + 1;
        for (;;) {
            const { start, content } = lines[i];
            const m = continuation.exec(content);
            const kept = m ? content.slice(0, m.index) : content;
            text += kept;
            for (let k = 0; k < kept.length; k++)
                offsets.push(start + k);
            i++;
            if (!m)
                break;
            while (i < lines.length && (isBlank(lines[i].content) || isComment(lines[i].content)))
                i++;
            if (i >= lines.length)
                break;
        }
        const keyword = /^[ \t]*(\S+)/.exec(text)?.[1].toUpperCase() ?? '';
        instructions.push({ keyword, text, offsets, line });
        if (HEREDOC_INSTRUCTIONS.has(keyword))
            i = skipHeredocs(text, lines, i);
    }
    return { escape, instructions };
}
/** Steps over the bodies of the heredocs an instruction opens, in order; returns the next line. */
function skipHeredocs(text, lines, next) {
    let i = next;
    for (const m of text.matchAll(HEREDOC)) {
        const stripTabs = m[1] === '-';
        const word = m[3];
        while (i < lines.length) {
            const content = stripTabs ? lines[i].content.replace(/^\t+/, '') : lines[i].content;
            i++;
            if (content === word)
                break;
        }
    }
    return i;
}
/**
 * Splits an instruction's arguments (everything after the keyword) into words at unquoted
 * blanks. Quotes and escapes stay in `raw`; callers decide what they mean.
 */
function splitWords(ins, escape) {
    const { text } = ins;
    const words = [];
    let i = /^[ \t]*\S+/.exec(text)?.[0].length ?? text.length;
    while (i < text.length) {
        while (i < text.length && (text[i] === ' ' || text[i] === '\t'))
            i++;
        if (i >= text.length)
            break;
        const from = i;
        let quote = '';
        while (i < text.length) {
            const c = text[i];
            if (quote) {
                if (c === quote)
                    quote = '';
                else if (c === escape && quote === '"')
                    i++;
            }
            else if (c === ' ' || c === '\t')
                break;
            else if (c === '"' || c === "'")
                quote = c;
            else if (c === escape)
                i++;
            i++;
        }
        const to = Math.min(i, text.length);
        words.push({ raw: text.slice(from, to), from, to });
    }
    return words;
}
/**
 * The source span of `text[from, to)` of an instruction, or null when those characters are
 * not one unbroken run of the source (a word split by a line continuation).
 */
function sourceSpan(ins, from, to) {
    if (to <= from)
        return null;
    const start = ins.offsets[from];
    const end = ins.offsets[to - 1] + 1;
    return end - start === to - from ? { start, end } : null;
}

;// CONCATENATED MODULE: ./src/files/dockerfile-vars.ts
/**
 * Variable substitution in a Dockerfile word, as BuildKit's shell lexer does it for FROM
 * (frontend/dockerfile/shell/lex.go; docs: "Environment replacement"): `$NAME`, `${NAME}`,
 * `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}`, `${NAME+word}`, the escape character
 * making a `$` literal. Anything else (`${NAME#pattern}`, `${NAME:?}` …) is reported as
 * unsupported rather than guessed. Pure.
 */
/** Platform ARGs BuildKit defines in the global scope for every build (docs: "Automatic platform ARGs"). */
const BUILDER_ARGS = new Set([
    'BUILDPLATFORM',
    'BUILDOS',
    'BUILDARCH',
    'BUILDVARIANT',
    'TARGETPLATFORM',
    'TARGETOS',
    'TARGETARCH',
    'TARGETVARIANT'
]);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
/** True when the word contains something substitution would change. */
function hasVariables(word, escape) {
    return word.includes('$') || word.includes(escape);
}
/** Expands one word; never throws. */
function expandWord(word, escape, vars) {
    const out = { value: '', names: [], unset: [] };
    let i = 0;
    while (i < word.length) {
        const c = word[i];
        if (c === escape && i + 1 < word.length) {
            out.value += word[i + 1];
            i += 2;
            continue;
        }
        if (c !== '$') {
            out.value += c;
            i++;
            continue;
        }
        if (word[i + 1] === '{') {
            const close = matchingBrace(word, i + 1);
            if (close < 0)
                return { ...out, problem: `'${word}' has a '\${' without its '}'` };
            const inner = word.slice(i + 2, close);
            const expanded = expandBraced(inner, escape, vars, out);
            if (expanded === null) {
                return { ...out, problem: `'\${${inner}}' uses a form of substitution not followed here` };
            }
            out.value += expanded;
            i = close + 1;
            continue;
        }
        const name = NAME.exec(word.slice(i + 1))?.[0];
        if (!name) {
            out.value += '$';
            i++;
            continue;
        }
        out.value += lookup(name, vars, out);
        i += 1 + name.length;
    }
    return out;
}
function matchingBrace(word, open) {
    let depth = 0;
    for (let i = open; i < word.length; i++) {
        if (word[i] === '{')
            depth++;
        else if (word[i] === '}' && --depth === 0)
            return i;
    }
    return -1;
}
function lookup(name, vars, out) {
    out.names.push(name);
    const value = vars.get(name);
    if (value === undefined) {
        out.unset.push(name);
        return '';
    }
    return value;
}
/** `NAME`, `NAME:-word`, `NAME-word`, `NAME:+word`, `NAME+word`; null for anything else. */
function expandBraced(inner, escape, vars, out) {
    const name = NAME.exec(inner)?.[0];
    if (!name)
        return null;
    const rest = inner.slice(name.length);
    if (!rest)
        return lookup(name, vars, out);
    const op = /^(:?[-+])/.exec(rest)?.[1];
    if (!op)
        return null;
    out.names.push(name);
    const value = vars.get(name);
    const set = op.startsWith(':') ? !!value : value !== undefined;
    const useWord = op.endsWith('-') ? !set : set;
    if (!useWord)
        return op.endsWith('-') ? (value ?? '') : '';
    const nested = expandWord(rest.slice(op.length), escape, vars);
    out.names.push(...nested.names);
    out.unset.push(...nested.unset);
    if (nested.problem)
        return null;
    return nested.value;
}

;// CONCATENATED MODULE: ./src/files/find-dockerfile.ts


/** Finds the image references of one Dockerfile's text. */
function findDockerfileReferences(file, text, lines) {
    const { escape, instructions } = readInstructions(text);
    const ctx = {
        file,
        source: text,
        lines,
        escape,
        args: new Map(),
        stages: new Map(),
        stage: 0,
        references: [],
        skipped: []
    };
    for (const ins of instructions) {
        if (ins.keyword === 'FROM')
            readFrom(ctx, ins);
        else if (ins.keyword === 'ARG' && ctx.stage === 0)
            readGlobalArg(ctx, ins);
        else if (ins.keyword === 'COPY' && ctx.stage > 0)
            readCopyFrom(ctx, ins);
    }
    return { references: ctx.references, skipped: ctx.skipped };
}
function variables(ctx) {
    return new Map([...ctx.args].map(([name, def]) => [name, def.value]));
}
function readGlobalArg(ctx, ins) {
    for (const word of splitWords(ins, ctx.escape)) {
        const eq = word.raw.indexOf('=');
        const name = eq < 0 ? word.raw : word.raw.slice(0, eq);
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
            continue;
        if (eq < 0) {
            ctx.args.set(name, { value: undefined, line: ins.line });
            continue;
        }
        const from = word.from + eq + 1;
        const raw = word.raw.slice(eq + 1);
        const quote = raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") ? raw[0] : '';
        const quoted = quote && raw.endsWith(quote) && !raw.slice(1, -1).includes(quote);
        const inner = quoted ? raw.slice(1, -1) : raw;
        const innerFrom = quoted ? from + 1 : from;
        const plain = !/["']/.test(inner) && (quote === "'" || !hasVariables(inner, ctx.escape)) && !!inner;
        const span = plain ? sourceSpan(ins, innerFrom, innerFrom + inner.length) : null;
        const value = quote === "'" && quoted ? inner : expandWord(inner, ctx.escape, variables(ctx)).value;
        const def = { value, raw, line: ins.line };
        if (span)
            def.literal = { ...span, text: inner };
        ctx.args.set(name, def);
    }
}
function readFrom(ctx, ins) {
    ctx.stage++;
    const words = splitWords(ins, ctx.escape);
    let i = 0;
    let platform;
    for (; i < words.length && words[i].raw.startsWith('--'); i++) {
        const m = /^--platform=(.*)$/.exec(words[i].raw);
        if (m && m[1] && !hasVariables(m[1], ctx.escape))
            platform = m[1];
    }
    const image = words[i];
    const stageName = words[i + 1]?.raw.toLowerCase() === 'as' && words[i + 2] ? words[i + 2].raw : undefined;
    const where = `FROM (stage ${ctx.stage}${stageName ? `: ${stageName}` : ''})`;
    if (image)
        readImageWord(ctx, ins, image, where, platform);
    if (stageName)
        ctx.stages.set(stageName.toLowerCase(), ins.line);
}
function readCopyFrom(ctx, ins) {
    for (const word of splitWords(ins, ctx.escape)) {
        if (!word.raw.startsWith('--'))
            break;
        const m = /^--from=(.+)$/i.exec(word.raw);
        if (!m)
            continue;
        const value = m[1];
        // A stage by name or index is the build's own, not an image to pin.
        if (/^\d+$/.test(value) || ctx.stages.has(value.toLowerCase()))
            return;
        const where = `COPY --from (stage ${ctx.stage})`;
        const from = word.from + '--from='.length;
        if (hasVariables(value, ctx.escape)) {
            skip(ctx, ins, from, where, value, 'COPY --from with variables is not followed');
            return;
        }
        const span = sourceSpan(ins, from, word.to);
        if (value.toLowerCase() === 'scratch')
            return;
        addReference(ctx, ins, from, span, value, value, where, undefined, splitReason(span));
        return;
    }
}
function splitReason(span) {
    return span ? undefined : 'the reference is split over lines by a line continuation';
}
/**
 * One image word (of FROM, or COPY --from). Exactly one ARG (`${BASE}`) makes that ARG's
 * default the span to edit; ARGs mixed with literal text are reported but not pinnable.
 */
function readImageWord(ctx, ins, word, where, platform) {
    const raw = word.raw;
    if (!hasVariables(raw, ctx.escape)) {
        if (isStageOrScratch(ctx, ins, word.from, where, raw, raw))
            return;
        const span = sourceSpan(ins, word.from, word.to);
        addReference(ctx, ins, word.from, span, raw, raw, where, platform, splitReason(span));
        return;
    }
    const expansion = expandWord(raw, ctx.escape, variables(ctx));
    const unknown = whyUnknown(ctx, expansion);
    if (unknown) {
        skip(ctx, ins, word.from, where, raw, unknown);
        return;
    }
    const image = expansion.value;
    if (!image) {
        skip(ctx, ins, word.from, where, raw, `the image is empty once ARGs are substituted`);
        return;
    }
    if (isStageOrScratch(ctx, ins, word.from, where, raw, image))
        return;
    const single = /^\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)(.*))?\})$/.exec(raw);
    const name = single?.[1] ?? single?.[2];
    const def = name ? ctx.args.get(name) : undefined;
    const wordSpan = sourceSpan(ins, word.from, word.to);
    if (name && def?.value !== undefined && (def.value !== '' || single?.[3] !== ':-')) {
        if (def.literal) {
            const usedBy = `ARG ${name} (line ${def.line}), used by ${where} on line ${ins.line}`;
            addArgReference(ctx, def.literal, image, usedBy, platform);
            return;
        }
        const reason = `the default of ARG ${name} (line ${def.line}) is built from other ARGs (${def.raw ?? ''}); pin the ARGs it is made of by hand`;
        addReference(ctx, ins, word.from, wordSpan, raw, image, where, platform, reason);
        return;
    }
    const fallback = single?.[4];
    if (name && fallback !== undefined && !hasVariables(fallback, ctx.escape)) {
        // The ARG has no value, so the `:-` default inside the FROM is what the build uses.
        const from = word.to - 1 - fallback.length;
        const span = sourceSpan(ins, from, word.to - 1);
        addReference(ctx, ins, from, span, fallback, image, where, platform, splitReason(span));
        return;
    }
    const reason = `the image is assembled from ARG values and literal text (${raw}); a pin would have to replace the expression, so pin it by hand or make the whole image one ARG`;
    addReference(ctx, ins, word.from, wordSpan, raw, image, where, platform, reason);
}
function whyUnknown(ctx, expansion) {
    if (expansion.problem)
        return expansion.problem;
    const builder = expansion.unset.find(n => BUILDER_ARGS.has(n));
    if (builder)
        return `it depends on ${builder}, which the builder sets for each platform it builds`;
    const name = expansion.unset[0];
    if (name === undefined)
        return undefined;
    const def = ctx.args.get(name);
    if (def) {
        return `ARG ${name} (line ${def.line}) has no default value; it comes from --build-arg, which the file does not tell`;
    }
    return `${name} is not declared by an ARG before the first FROM (only those are visible to FROM)`;
}
function isStageOrScratch(ctx, ins, from, where, raw, image) {
    const stageLine = ctx.stages.get(image.toLowerCase());
    if (stageLine !== undefined) {
        skip(ctx, ins, from, where, raw, `refers to build stage '${image}' (line ${stageLine})`);
        return true;
    }
    if (image.toLowerCase() === 'scratch') {
        skip(ctx, ins, from, where, raw, 'scratch is the empty image; there is nothing to pin');
        return true;
    }
    return false;
}
function skip(ctx, ins, from, where, text, reason) {
    const position = ctx.lines.positionAt(ins.offsets[from] ?? 0);
    ctx.skipped.push({ file: ctx.file, ...position, kind: 'dockerfile', where, text, reason });
}
function addReference(ctx, ins, from, span, text, image, where, platform, reason) {
    // A word broken by a continuation is recorded over all the source it covers, as written.
    const start = span?.start ?? ins.offsets[from];
    const end = span?.end ?? ins.offsets[from + text.length - 1] + 1;
    const ref = {
        file: ctx.file,
        ...ctx.lines.positionAt(start),
        start,
        end,
        text: span ? text : ctx.source.slice(start, end),
        image,
        kind: 'dockerfile',
        where,
        pinnable: !reason
    };
    if (platform)
        ref.platform = platform;
    if (reason)
        ref.reason = reason;
    ctx.references.push(ref);
}
/** A reference whose span is an ARG default: several FROMs using one ARG share one reference. */
function addArgReference(ctx, literal, image, usedBy, platform) {
    const same = ctx.references.find(r => r.start === literal.start && r.end === literal.end);
    if (same) {
        same.where += `; ${usedBy.slice(usedBy.indexOf('used by'))}`;
        if (same.platform !== platform)
            delete same.platform;
        return;
    }
    const ref = {
        file: ctx.file,
        ...ctx.lines.positionAt(literal.start),
        start: literal.start,
        end: literal.end,
        text: literal.text,
        image,
        kind: 'dockerfile',
        where: usedBy,
        pinnable: true
    };
    if (platform)
        ref.platform = platform;
    ctx.references.push(ref);
}

;// CONCATENATED MODULE: ./src/files/find-kubernetes.ts

/**
 * Container images in Kubernetes manifests: `containers`, `initContainers` and
 * `ephemeralContainers` of the pod spec of a Pod, of a workload's pod template, and of a
 * CronJob's job template (Kubernetes API reference, PodSpec). Every document of a stream is
 * read, and the items of a `kind: List` (or `PodList`, `DeploymentList` …), so Helm's rendered
 * output (`---` and `# Source:` comments) works as it is. Pure.
 */
const POD_SPEC_PATHS = {
    Pod: ['spec'],
    PodTemplate: ['template', 'spec'],
    Deployment: ['spec', 'template', 'spec'],
    StatefulSet: ['spec', 'template', 'spec'],
    DaemonSet: ['spec', 'template', 'spec'],
    ReplicaSet: ['spec', 'template', 'spec'],
    ReplicationController: ['spec', 'template', 'spec'],
    Job: ['spec', 'template', 'spec'],
    CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec']
};
const CONTAINER_FIELDS = ['initContainers', 'containers', 'ephemeralContainers'];
const skipReason = (value) => value.includes('{{')
    ? 'the value is a template expression ({{ … }}); scan the rendered manifest (helm template) instead'
    : undefined;
/** Adds the container images of every object in every clean document to `scan`. */
function findKubernetesReferences(scan) {
    for (const doc of parseYamlDocuments(scan))
        readObject(scan, doc, doc.contents, '', 0);
}
function readObject(scan, doc, node, prefix, depth) {
    const kind = mapString(node, 'kind', doc);
    if (!kind || depth > 8)
        return;
    if (kind === 'List' || kind.endsWith('List')) {
        seqItems(mapGet(node, 'items', doc), doc).forEach((item, i) => readObject(scan, doc, item, `${prefix}items[${i}] `, depth + 1));
        return;
    }
    const path = POD_SPEC_PATHS[kind];
    if (!path)
        return;
    let spec = node;
    for (const key of path)
        spec = mapGet(spec, key, doc);
    const name = mapString(mapGet(node, 'metadata', doc), 'name', doc) ?? '(unnamed)';
    for (const field of CONTAINER_FIELDS) {
        seqItems(mapGet(spec, field, doc), doc).forEach((container, i) => {
            const image = mapGetRaw(container, 'image', doc);
            if (!image)
                return;
            const where = `${prefix}${kind}/${name} ${path.join('.')}.${field}[${i}].image`;
            readImageNode(scan, doc, image, where, { skipReason });
        });
    }
}

;// CONCATENATED MODULE: ./src/files/find-workflow.ts


/**
 * Images in a GitHub Actions workflow (docs: "Workflow syntax"): `jobs.<id>.container` (a
 * string or `{image}`), `jobs.<id>.services.<id>.image` and `jobs.<id>.steps[*].uses:
 * docker://image`; and in an action's metadata file (`action.yml`, "Metadata syntax"):
 * `runs.image: docker://image` and `runs.steps[*].uses`. A value holding an expression
 * (`${{ … }}`) is only known when the workflow runs, so it is skipped. Pure.
 */
function findWorkflowReferences(scan, isActionMetadata) {
    const skipReason = (value) => value.includes('${{')
        ? 'the value is a GitHub Actions expression (${{ … }}), known only when the workflow runs'
        : undefined;
    for (const doc of parseYamlDocuments(scan)) {
        const readSteps = (steps, path) => {
            seqItems(steps, doc).forEach((step, i) => {
                const uses = mapGet(step, 'uses', doc);
                if ((0,dist/* isScalar */.jn)(uses) &&
                    typeof uses.value === 'string' &&
                    uses.value.startsWith('docker://')) {
                    readImageNode(scan, doc, uses, `${path}[${i}].uses`, { skipReason, prefix: 'docker://' });
                }
            });
        };
        if (isActionMetadata) {
            const runs = mapGet(doc.contents, 'runs', doc);
            const image = mapGet(runs, 'image', doc);
            // `image: Dockerfile` builds from a file in the action; only docker:// names an image.
            if ((0,dist/* isScalar */.jn)(image) && typeof image.value === 'string' && image.value.startsWith('docker://'))
                readImageNode(scan, doc, image, 'runs.image', { skipReason, prefix: 'docker://' });
            readSteps(mapGet(runs, 'steps', doc), 'runs.steps');
            continue;
        }
        for (const [id, job] of mapEntries(mapGet(doc.contents, 'jobs', doc), doc)) {
            const written = mapGetRaw(job, 'container', doc);
            const container = deref(written, doc);
            if ((0,dist/* isScalar */.jn)(container))
                readImageNode(scan, doc, written, `jobs.${id}.container`, { skipReason });
            else if (container) {
                const image = mapGetRaw(container, 'image', doc);
                if (image)
                    readImageNode(scan, doc, image, `jobs.${id}.container.image`, { skipReason });
            }
            for (const [name, service] of mapEntries(mapGet(job, 'services', doc), doc)) {
                const image = mapGetRaw(service, 'image', doc);
                if (image)
                    readImageNode(scan, doc, image, `jobs.${id}.services.${name}.image`, { skipReason });
            }
            readSteps(mapGet(job, 'steps', doc), `jobs.${id}.steps`);
        }
    }
}

// EXTERNAL MODULE: ./src/files/positions.ts
var positions = __webpack_require__(2391);
;// CONCATENATED MODULE: ./src/files/find-references.ts








/**
 * Finds the image references of one file's text: dispatches on `detectFileKind`, then checks
 * each image with `parseReference` (reference.ts). An invalid image is a reference with
 * `error` set, a YAML syntax error a problem; neither throws, so one bad file or reference
 * never loses the others. Offsets are into `text` exactly as given: decode the file with
 * `decodeText` (rewrite.ts), which keeps a BOM, so they stay valid for the rewrite. Pure.
 *
 * This module loads the `yaml` package: import it lazily (`await import(...)`).
 */
function findReferences(path, text, kind = detectFileKind(path, text)) {
    const scan = { file: path, kind, references: [], skipped: [], problems: [] };
    if (!kind)
        return scan;
    const lines = (0,positions/* indexLines */.u)(text);
    if (kind === 'dockerfile') {
        const found = findDockerfileReferences(path, text, lines);
        scan.references = found.references;
        scan.skipped = found.skipped;
    }
    else {
        const yaml = { ...scan, text, lines, kind };
        readYaml(yaml, kind, path);
        scan.references = yaml.references;
        scan.skipped = yaml.skipped;
        scan.problems = yaml.problems;
    }
    for (const ref of scan.references)
        validate(ref);
    return scan;
}
function readYaml(scan, kind, path) {
    if (kind === 'compose')
        findComposeReferences(scan);
    else if (kind === 'kubernetes')
        findKubernetesReferences(scan);
    else
        findWorkflowReferences(scan, isActionMetadata(path));
}
function validate(ref) {
    let problem;
    try {
        const parsed = (0,reference/* parseReference */.F2)(ref.image);
        if (parsed.kind !== 'registry')
            problem = `'${ref.image}' is not a registry image reference (oci-layout:// is not pulled from a file)`;
    }
    catch (e) {
        problem = (0,errors/* errorMessage */.gJ)(e);
    }
    if (!problem)
        return;
    ref.error = problem;
    ref.pinnable = false;
    ref.reason = 'it is not a valid image reference';
}


/***/ })

};
