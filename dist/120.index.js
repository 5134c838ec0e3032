export const id = 120;
export const ids = [120];
export const modules = {

/***/ 1120:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   renderPolicySection: () => (/* binding */ renderPolicySection),
/* harmony export */   violationAnnotations: () => (/* binding */ violationAnnotations)
/* harmony export */ });
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8992);
/* harmony import */ var _policy_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1237);


const VIA = {
    index: 'attestation manifest in the index',
    referrers: 'referrer',
    'referrers-tag': 'referrer, by tag schema'
};
function where(site, label) {
    return site ? ` (${(0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMarkdown */ .FV)(`${site.file ?? label}:${site.line}`)})` : '';
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
            : `rule ${(0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(rule.matched)}${where(rule.matchedAt, label)}`;
        const failing = (0,_policy_js__WEBPACK_IMPORTED_MODULE_0__/* .failsOn */ .Hu)(judged.failOn[index]).violations;
        lines.push(violations.length
            ? `**Policy:** ${violations.length} violation${violations.length === 1 ? '' : 's'} of ${which}${failing ? '' : " (not failing the step: 'fail-on' is " + (0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(judged.failOn[index]) + ')'}`
            : `**Policy:** no violations of ${which}`, '');
        if (violations.length) {
            lines.push('| Platform | Rule | Expected | Found |', '| --- | --- | --- | --- |');
            for (const v of violations)
                lines.push(`| ${(0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(v.platform)} | ${(0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(v.rule)} | ${(0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMarkdown */ .FV)(v.expected)} | ${(0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMarkdown */ .FV)(v.found)} |`);
            lines.push('');
        }
        const read = record.platforms.filter(p => p.attached);
        if (read.length) {
            lines.push('| Platform | Attached |', '| --- | --- |');
            for (const p of read) {
                const what = (p.attached ?? []).map(a => `${(0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMarkdown */ .FV)(a.kind)}: ${(0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMarkdown */ .FV)(a.name)} (${VIA[a.via]}${a.subject === 'index' ? ' of the index' : ''})`);
                lines.push(`| ${(0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(p.platform)} | ${what.join('<br>') || 'nothing'} |`);
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
                title: `digest-gate: ${v.rule} (${(0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .plainText */ .wh)(v.platform)})`
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
    return (0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .plainText */ .wh)(`${v.image} (${v.platform}): ${v.rule}: expected ${v.expected}, found ${v.found}`);
}


/***/ })

};
