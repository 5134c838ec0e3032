export const id = 749;
export const ids = [749];
export const modules = {

/***/ 1749:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   filesText: () => (/* binding */ filesText)
/* harmony export */ });
/* unused harmony exports FILES_SUMMARY_LIMIT, renderFilesSummary, renderFilesText, filesSummary */
/* harmony import */ var _model_text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5086);

/**
 * The files part of a run for people: a job summary section (Markdown) and lines for a
 * terminal. Every string that came from a file is escaped: in a pull request's verify run the
 * files are the pull request's. Pure.
 */
/** The files section's share of the job summary (summary.ts keeps the whole under 1 MiB). */
const FILES_SUMMARY_LIMIT = (/* unused pure expression or super */ null && (400 * 1024));
const MARK = { error: '❌', warning: '⚠️', notice: 'ℹ️' };
/** Statuses that are all is well: a notice about them gets a check mark, not an info sign. */
const GOOD = new Set(['ok', 'pinned', 'updated', 'unchanged', 'promoted']);
function mark(level, status) {
    return level === 'notice' && (status === undefined || GOOD.has(status)) ? '✅' : MARK[level];
}
/** `2 files, 5 references: 3 ok, 1 stale, 1 not-found` */
function filesHeadline(files) {
    const counts = new Map();
    for (const f of files)
        for (const e of f.references)
            counts.set(e.status, (counts.get(e.status) ?? 0) + 1);
    const refs = [...counts.values()].reduce((a, b) => a + b, 0);
    const what = [...counts].map(([status, n]) => `${n} ${status}`).join(', ');
    return `${files.length} file${files.length === 1 ? '' : 's'}, ${refs} reference${refs === 1 ? '' : 's'}${what ? `: ${what}` : ''}`;
}
function worst(f) {
    const levels = [...f.references.map(e => e.level), ...f.problems.map(p => p.level)];
    return levels.includes('error') ? 'error' : levels.includes('warning') ? 'warning' : 'notice';
}
/** The job summary's section: per file, each reference, its status and what was found or done. */
function renderFilesSummary(mode, files, changedFiles, limit = FILES_SUMMARY_LIMIT) {
    const out = [`### Files (${mode})`, '', `${escapeMarkdown(filesHeadline(files))}.`, ''];
    if (mode === 'pin') {
        out.push(changedFiles.length
            ? `Changed: ${changedFiles.map(code).join(', ')}`
            : 'Changed: nothing; every reference was already pinned to what its tag points at.', '');
    }
    let size = Buffer.byteLength(out.join('\n'));
    let left = 0;
    for (const f of files) {
        const block = renderFile(f);
        const bytes = Buffer.byteLength(block) + 1;
        if (left || size + bytes > limit - 200) {
            left++;
            continue;
        }
        out.push(block);
        size += bytes;
    }
    if (left)
        out.push(`…and ${left} more files, in the report file (output \`report-file\`).`, '');
    return out.join('\n');
}
function renderFile(f) {
    const kind = f.kind ?? 'not a supported kind; not read';
    const lines = [`#### ${mark(worst(f))} ${code(f.file)} (${escapeMarkdown(kind)})`, ''];
    for (const p of f.problems)
        lines.push(`- ${MARK[p.level]} ${escapeMarkdown(p.message)}`);
    if (f.problems.length)
        lines.push('');
    if (f.references.length) {
        lines.push('| Line | Reference | Status | Found |', '| ---: | --- | --- | --- |');
        for (const e of f.references) {
            const said = (e.findings ?? [e]).map(f => escapeMarkdown(f.message)).join('<br>');
            const found = e.to ? `${code(e.to)}<br>${said}` : said;
            lines.push(`| ${e.line}:${e.column} | ${code(e.text)} | ${mark(e.level, e.status)} ${escapeMarkdown(e.status)} | ${found} |`);
        }
        lines.push('');
    }
    else if (f.kind) {
        lines.push('No image references.', '');
    }
    if (f.skipped.length) {
        lines.push(`<details><summary>Not followed: ${f.skipped.length}</summary>`, '', ...f.skipped.map(s => `- ${s.line}:${s.column} ${code(s.text)} (${escapeMarkdown(s.where)}): ${escapeMarkdown(s.reason)}`), '', '</details>', '');
    }
    return lines.join('\n');
}
/** One line per problem, reference and entry not followed, `file:line:col: status: message`. */
function renderFilesText(mode, files, changedFiles) {
    const out = [`${mode}: ${(0,_model_text_js__WEBPACK_IMPORTED_MODULE_0__/* .plainText */ .wh)(filesHeadline(files))}`];
    for (const f of files) {
        const at = (line, column) => `${(0,_model_text_js__WEBPACK_IMPORTED_MODULE_0__/* .plainText */ .wh)(f.file)}:${line}:${column}`;
        if (!f.kind && !f.problems.length)
            out.push(`${(0,_model_text_js__WEBPACK_IMPORTED_MODULE_0__/* .plainText */ .wh)(f.file)}: not a supported kind; not read`);
        for (const p of f.problems)
            out.push(`${at(p.line, p.column)}: ${p.level}: ${(0,_model_text_js__WEBPACK_IMPORTED_MODULE_0__/* .plainText */ .wh)(p.message)}`);
        for (const e of f.references)
            for (const { status, message } of e.findings ?? [e])
                out.push(`${at(e.line, e.column)}: ${status}: ${(0,_model_text_js__WEBPACK_IMPORTED_MODULE_0__/* .plainText */ .wh)(message)}`);
        for (const s of f.skipped)
            out.push(`${at(s.line, s.column)}: not followed: '${(0,_model_text_js__WEBPACK_IMPORTED_MODULE_0__/* .plainText */ .wh)(s.text)}': ${(0,_model_text_js__WEBPACK_IMPORTED_MODULE_0__/* .plainText */ .wh)(s.reason)}`);
    }
    if (mode === 'pin')
        out.push(`changed: ${changedFiles.length ? changedFiles.map(_model_text_js__WEBPACK_IMPORTED_MODULE_0__/* .plainText */ .wh).join(', ') : 'nothing'}`);
    return out;
}
/** The files section of the job summary, for a run's files outcome. */
function filesSummary(outcome) {
    return renderFilesSummary(outcome.mode, outcome.files, outcome.changedFiles);
}
/** The files section as log or terminal lines, for a run's files outcome. */
function filesText(outcome) {
    return renderFilesText(outcome.mode, outcome.files, outcome.changedFiles);
}


/***/ })

};
