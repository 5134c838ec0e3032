export const id = 300;
export const ids = [300];
export const modules = {

/***/ 300:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   waitTimeoutMessage: () => (/* binding */ waitTimeoutMessage),
/* harmony export */   waitUntilComplete: () => (/* binding */ waitUntilComplete)
/* harmony export */ });
/* unused harmony exports WAIT_CAP_MS, WAIT_MIN_MS, gapOf, backoffDelay */
/* harmony import */ var _policy_platforms_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1494);

/** The first round's ceiling; each round doubles it up to WAIT_CAP_MS. */
const WAIT_BASE_MS = 2000;
const WAIT_CAP_MS = 30_000;
/** However the jitter falls, never knock again sooner than this. */
const WAIT_MIN_MS = 1000;
/** What keeps an image from being complete, if anything; other errors are final, not waited on. */
function gapOf(record, required) {
    if (record.error) {
        const kind = record.errorDetail?.kind;
        if (kind === 'not-found')
            return { image: record.image, reason: 'not-found', platforms: [] };
        if (kind === 'rate-limited')
            return {
                image: record.image,
                reason: 'rate-limited',
                platforms: [],
                retryAfterMs: record.errorDetail?.retryAfterMs
            };
        return undefined;
    }
    const platforms = (0,_policy_platforms_js__WEBPACK_IMPORTED_MODULE_0__/* .missingPlatforms */ .z3)(record, [...required]);
    return platforms.length ? { image: record.image, reason: 'missing', platforms } : undefined;
}
/**
 * Full jitter (a uniform draw below an exponentially growing ceiling: 2 s, 4 s, 8 s … 30 s),
 * so that many jobs waiting on one registry do not knock in step; never under WAIT_MIN_MS.
 */
function backoffDelay(round, random) {
    const ceiling = Math.min(WAIT_CAP_MS, WAIT_BASE_MS * 2 ** round);
    return Math.max(WAIT_MIN_MS, Math.floor(random() * ceiling));
}
function describeGap(gap) {
    if (gap.reason === 'missing')
        return `${gap.image} lacks ${gap.platforms.join(', ')}`;
    if (gap.reason === 'not-found')
        return `${gap.image} is not there yet`;
    return `${gap.image} is rate-limited${gap.retryAfterMs ? ` (the registry asks for ${seconds(gap.retryAfterMs)})` : ''}`;
}
function seconds(ms) {
    return ms < 10_000 && ms % 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
/** `a lacks linux/arm64; b is not there yet; and 3 more`: a log line stays a line. */
function listGaps(gaps, shown) {
    const head = gaps.slice(0, shown).map(describeGap).join('; ');
    return gaps.length > shown ? `${head}; and ${gaps.length - shown} more` : head;
}
/**
 * Re-reads incomplete images until none is left or `deadline` passes. Each round sleeps the
 * backoff, or what a rate-limiting registry asked for if that is longer (and gives up rather
 * than knock early when that would pass the deadline), and then re-reads only the images still
 * incomplete. Answers the records as last resolved and what became of the wait.
 */
async function waitUntilComplete(initial, options) {
    const now = options.now ?? Date.now;
    const random = options.random ?? Math.random;
    const sleep = options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)));
    const records = [...initial];
    let rounds = 0;
    let waitedMs = 0;
    const gaps = () => records.flatMap((r, at) => {
        const gap = gapOf(r, typeof options.required === 'function' ? options.required(r) : options.required);
        return gap ? [{ at, gap }] : [];
    });
    for (;;) {
        const open = gaps();
        const outcome = { seconds: options.seconds, rounds, waitedMs };
        if (open.length === 0)
            return { records, outcome: { ...outcome, timedOut: false, pending: [] } };
        const left = options.deadline - now();
        const asked = Math.max(0, ...open.map(o => o.gap.retryAfterMs ?? 0));
        // A registry that asked for more than the budget leaves gets no early knock.
        if (left <= 0 || asked > left) {
            return { records, outcome: { ...outcome, timedOut: true, pending: open.map(o => o.gap) } };
        }
        const delay = Math.min(left, Math.max(asked, backoffDelay(rounds, random)));
        const complete = records.length - open.length;
        options.log?.(`waiting ${seconds(delay)}: ${listGaps(open.map(o => o.gap), 3)} (${complete} of ${records.length} image${records.length === 1 ? '' : 's'} complete)`);
        await sleep(delay);
        waitedMs += delay;
        rounds++;
        const positions = open.map(o => o.at);
        const fresh = await options.reresolve(positions);
        positions.forEach((at, i) => (records[at] = fresh[i]));
    }
}
/** The run-level message for a wait that ran out: each image and what never arrived. */
function waitTimeoutMessage(outcome, shown = 50) {
    const what = outcome.pending.map(gap => {
        if (gap.reason === 'missing')
            return `${gap.image} never got ${gap.platforms.join(', ')}`;
        if (gap.reason === 'not-found')
            return `${gap.image} never appeared`;
        return `${gap.image} stayed rate-limited`;
    });
    const listed = what.length > shown
        ? `${what.slice(0, shown).join('; ')}; and ${what.length - shown} more (all in the report file's run.wait.pending)`
        : what.join('; ');
    return `Waited ${seconds(outcome.waitedMs)} of the ${outcome.seconds} s 'wait' allows (${outcome.rounds} round${outcome.rounds === 1 ? '' : 's'} of re-reading): ${listed}.`;
}


/***/ })

};
