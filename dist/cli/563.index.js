export const id = 563;
export const ids = [563];
export const modules = {

/***/ 6563:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   compileRules: () => (/* binding */ compileRules)
/* harmony export */ });
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4006);
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(picomatch__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _file_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6462);
/* harmony import */ var _rule_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8254);



function layer(target, written) {
    for (const key of _rule_js__WEBPACK_IMPORTED_MODULE_1__/* .RULE_KEYS */ .s) {
        if (written.rule[key] === undefined)
            continue;
        target[key] = written.rule[key];
        const site = written.sites[key];
        if (site)
            target.sites[key] = site;
        else
            delete target.sites[key];
    }
}
/** The policy's rules with their globs compiled once, for many images. */
function compileRules(policy, base) {
    const matchers = policy.images.map(rule => ({
        rule,
        test: picomatch__WEBPACK_IMPORTED_MODULE_2___default()(rule.match ?? '', _file_js__WEBPACK_IMPORTED_MODULE_0__.GLOB_OPTIONS)
    }));
    return record => {
        const effective = { 'fail-on': base.failOn, sites: {}, matched: 'default' };
        if (base.platforms?.length)
            effective.platforms = base.platforms;
        layer(effective, policy.default);
        if (policy.default.site)
            effective.matchedAt = policy.default.site;
        const names = [record.image.trim(), record.ref].filter((n) => !!n);
        const hit = matchers.find(m => names.some(name => m.test(name)));
        if (hit) {
            layer(effective, hit.rule);
            effective.matched = hit.rule.match ?? 'default';
            if (hit.rule.site)
                effective.matchedAt = hit.rule.site;
        }
        return effective;
    };
}


/***/ })

};
