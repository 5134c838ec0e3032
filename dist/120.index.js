export const id = 120;
export const ids = [120];
export const modules = {

/***/ 1120:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   renderPolicySection: () => (/* binding */ renderPolicySection),
/* harmony export */   violationAnnotations: () => (/* binding */ violationAnnotations),
/* harmony export */   violationLine: () => (/* binding */ violationLine)
/* harmony export */ });
/* harmony import */ var _baseline_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9860);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8992);
/* harmony import */ var _policy_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1237);
/* harmony import */ var _sizes_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4032);




const VIA = {
    index: 'attestation manifest in the index',
    referrers: 'referrer',
    'referrers-tag': 'referrer, by tag schema'
};
function where(site, label) {
    return site ? ` (${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(`${site.file ?? label}:${site.line}`)})` : '';
}
function signed(bytes) {
    return bytes < 0 ? `−${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .humanSize */ .Xe)(-bytes)}` : `+${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .humanSize */ .Xe)(bytes)}`;
}
/** The Markdown lines that open image `index`'s section of the summary. */
function renderPolicySection(judged, index) {
    const record = judged.records[index];
    if (record.error)
        return [];
    const lines = [];
    const rule = judged.policy?.rules[index];
    if (judged.policy && rule) {
        const violations = record.violations ?? [];
        const label = judged.policy.policy.label;
        const which = rule.matched === 'default'
            ? `the default rule${where(rule.matchedAt, label)}`
            : `rule ${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(rule.matched)}${where(rule.matchedAt, label)}`;
        const failing = (0,_policy_js__WEBPACK_IMPORTED_MODULE_0__/* .failsOn */ .Hu)(judged.failOn[index]).violations;
        lines.push(violations.length
            ? `**Policy:** ${violations.length} violation${violations.length === 1 ? '' : 's'} of ${which}${failing ? '' : " (not failing the step: 'fail-on' is " + (0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(judged.failOn[index]) + ')'}`
            : `**Policy:** no violations of ${which}`, '');
        if (violations.length) {
            lines.push('| Platform | Rule | Expected | Found |', '| --- | --- | --- | --- |');
            for (const v of violations)
                lines.push(`| ${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(v.platform)} | ${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(v.rule)} | ${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(v.expected)} | ${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(v.found)} |`);
            lines.push('');
        }
        const read = record.platforms.filter(p => p.attached);
        if (read.length) {
            lines.push('| Platform | Attached |', '| --- | --- |');
            for (const p of read) {
                const what = (p.attached ?? []).map(a => `${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(a.kind)}: ${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(a.name)} (${VIA[a.via]}${a.subject === 'index' ? ' of the index' : ''})`);
                lines.push(`| ${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(p.platform)} | ${what.join('<br>') || 'nothing'} |`);
            }
            lines.push('');
        }
    }
    if (judged.baseline) {
        const delta = (0,_baseline_js__WEBPACK_IMPORTED_MODULE_3__/* .sizeDeltas */ .$A)(record, judged.baseline);
        if (!delta) {
            lines.push(`Size against the baseline: no image in it matches ${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(record.image)}.`, '');
        }
        else {
            lines.push(`**Size against the baseline** (${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(delta.against)}${delta.matchedBy === 'repository' ? ', same repository' : ''}):`, '', '| Platform | Baseline | Now | Change |', '| --- | ---: | ---: | ---: |');
            for (const d of delta.platforms) {
                const change = d.delta === null
                    ? d.before === null
                        ? 'new'
                        : 'n/a'
                    : `${signed(d.delta)}${d.ratio === null ? '' : ` (${d.ratio >= 0 ? '+' : ''}${(0,_sizes_js__WEBPACK_IMPORTED_MODULE_1__/* .formatPercent */ .l9)(d.ratio)})`}`;
                lines.push(`| ${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(d.platform)} | ${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .humanSize */ .Xe)(d.before)} | ${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .humanSize */ .Xe)(d.after)} | ${change} |`);
            }
            lines.push('');
        }
    }
    return lines;
}
/** Error when the record's `fail-on` fails the step on violations, else warning. */
function violationAnnotations(judged) {
    const out = [];
    judged.records.forEach((record, i) => {
        const rule = judged.policy?.rules[i];
        const level = (0,_policy_js__WEBPACK_IMPORTED_MODULE_0__/* .failsOn */ .Hu)(judged.failOn[i]).violations ? 'error' : 'warning';
        for (const v of record.violations ?? []) {
            const site = rule?.sites[v.rule];
            const annotation = {
                level,
                message: violationLine(v),
                title: `digest-gate: ${v.rule} (${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .plainText */ .wh)(v.platform)})`
            };
            if (site?.file) {
                annotation.file = site.file;
                annotation.startLine = site.line;
            }
            out.push(annotation);
        }
    });
    return out;
}
/** `image (platform): rule: expected …, found …`, one plain line. */
function violationLine(v) {
    return (0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .plainText */ .wh)(`${v.image} (${v.platform}): ${v.rule}: expected ${v.expected}, found ${v.found}`);
}


/***/ }),

/***/ 4032:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $f: () => (/* binding */ misspelledUnit),
/* harmony export */   DB: () => (/* binding */ parseSize),
/* harmony export */   H0: () => (/* binding */ formatBudget),
/* harmony export */   LV: () => (/* binding */ SIZE_EXPECTED),
/* harmony export */   Xq: () => (/* binding */ formatSize),
/* harmony export */   l9: () => (/* binding */ formatPercent),
/* harmony export */   lo: () => (/* binding */ parsePercent)
/* harmony export */ });
/* unused harmony export SIZE_UNITS */
/**
 * Sizes and percentages as a policy file writes them, and sizes written back in the unit a
 * budget used, so `≤ 80 MB` is never compared by eye with a figure in MiB. Units are SI
 * (`kB`, `MB`, `GB`: powers of 1000) and IEC (`KiB`, `MiB`, `GiB`: powers of 1024), spelled
 * as those standards spell them (IEC 80000-13), since `mb` or `Mb` could mean either. Pure.
 */
/** Bytes per unit, by the unit's exact spelling. */
const SIZE_UNITS = Object.freeze({
    B: 1,
    kB: 1000,
    MB: 1000 ** 2,
    GB: 1000 ** 3,
    KiB: 1024,
    MiB: 1024 ** 2,
    GiB: 1024 ** 3
});
/** What a size must look like, for messages. */
const SIZE_EXPECTED = "a size such as '80MiB' or '200 MB' (units B, kB, MB, GB, KiB, MiB, GiB, spelled exactly so), or a whole number of bytes";
/** `80MiB`, `1.5 GB`, `512 B`; null when the text is no such size. */
function parseSize(text) {
    const m = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]+)\s*$/.exec(text);
    if (!m || !(m[2] in SIZE_UNITS))
        return null;
    const bytes = Math.floor(Number(m[1]) * SIZE_UNITS[m[2]]);
    return Number.isSafeInteger(bytes) && bytes > 0 ? { bytes, unit: m[2] } : null;
}
/** A unit spelled in another case (`mib`, `Mb`), for a message that says which was meant. */
function misspelledUnit(text) {
    const unit = /^\s*\d+(?:\.\d+)?\s*([A-Za-z]+)\s*$/.exec(text)?.[1];
    if (!unit || unit in SIZE_UNITS)
        return undefined;
    return Object.keys(SIZE_UNITS).find(u => u.toLowerCase() === unit.toLowerCase());
}
/** `10%` or `0.5%` → 0.1 or 0.005; null when the text is no such percentage. */
function parsePercent(text) {
    const m = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(text);
    return m ? Number(m[1]) / 100 : null;
}
function inUnit(bytes, unit, decimals) {
    if (unit === 'B')
        return `${bytes} B`;
    const value = bytes / SIZE_UNITS[unit];
    return `${Number(value.toFixed(decimals))} ${unit}`;
}
/**
 * `bytes` in `unit` (one decimal, fewer when whole), with as many more decimals as it takes
 * to differ from `unlike` when both would read the same (`80 MiB` against `80 MiB` + 1 B),
 * and in bytes when no decimals do.
 */
function formatSize(bytes, unit, unlike) {
    const shown = inUnit(bytes, unit, 1);
    if (unlike === undefined || unlike === bytes || shown !== inUnit(unlike, unit, 1))
        return shown;
    for (let decimals = 2; decimals <= 3; decimals++) {
        const more = inUnit(bytes, unit, decimals);
        if (more !== inUnit(unlike, unit, decimals))
            return more;
    }
    return `${bytes} B`;
}
/** A budget as written back: `80 MiB`. */
function formatBudget(budget) {
    return inUnit(budget.bytes, budget.unit, 3);
}
/** `0.1` → `10%`, `0.1534` → `15.3%`, `-0.02` → `-2%`. */
function formatPercent(ratio) {
    return `${Number((ratio * 100).toFixed(1))}%`;
}


/***/ })

};
