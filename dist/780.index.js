export const id = 780;
export const ids = [780];
export const modules = {

/***/ 3780:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  postComment: () => (/* binding */ postComment)
});

// UNUSED EXPORTS: isForkPullRequest, isOurs, planComment, pullRequestFacts

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/baseline.ts
var src_baseline = __webpack_require__(9860);
// EXTERNAL MODULE: ./src/summary.ts + 1 modules
var summary = __webpack_require__(4947);
// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
// EXTERNAL MODULE: ./src/review/size-change.ts
var size_change = __webpack_require__(6520);
;// CONCATENATED MODULE: ./src/review/comment-body.ts





/**
 * The sticky pull request comment's Markdown: what needs a reviewer's attention first
 * (run problems, missing platforms, policy violations, images that failed), then each image's
 * platform table with the size change against the baseline and a chart. Pure: the caller
 * posts it (src/review/comment.ts).
 */
/** GitHub refuses an issue comment body over 65,536 characters ("Body is too long"). */
const COMMENT_LIMIT = 65_536;
/**
 * A marker value as RFC 3986 unreserved characters, the rest percent-encoded as UTF-8: no
 * space to end the attribute, no `>` or `!` to close the HTML comment, however the workflow
 * is named.
 */
function markerValue(value) {
    return Array.from(new TextEncoder().encode(value), byte => {
        const c = String.fromCharCode(byte);
        return /[A-Za-z0-9._~-]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }).join('');
}
/**
 * The hidden first line that finds this workflow's and job's comment again:
 * `<!-- digest-gate:comment workflow=<GITHUB_WORKFLOW> job=<GITHUB_JOB> -->`.
 */
function commentMarker(workflow, job) {
    return `<!-- digest-gate:comment workflow=${markerValue(workflow)} job=${markerValue(job)} -->`;
}
const HASH_LINE = /^<!-- digest-gate:content sha256=([0-9a-f]{64}) -->$/m;
/** The content hash embedded in a comment body this module wrote, if any. */
function contentHashOf(body) {
    return HASH_LINE.exec(body)?.[1];
}
/**
 * GitHub notifies `@name` in a comment (not in a job summary). A zero-width space after the
 * `@` of anything that reads as a mention keeps registry-supplied text from pinging anyone;
 * `name@sha256:…` (a word character before the `@`) is not a mention and stays as it is.
 */
function quietMentions(markdown) {
    return markdown.replace(/(^|[^A-Za-z0-9_`])@(?=[A-Za-z0-9_-])/g, '$1@\u200b');
}
function isViolation(v) {
    if (typeof v !== 'object' || v === null)
        return false;
    const o = v;
    return (typeof o.image === 'string' &&
        typeof o.rule === 'string' &&
        (o.platform === undefined || o.platform === null || typeof o.platform === 'string'));
}
/** The record's `violations`, when the policy stage set them; invalid entries are ignored. */
function violationsOf(record) {
    const list = record.violations;
    return Array.isArray(list) ? list.filter(isViolation) : [];
}
function figure(value) {
    if (value === undefined || value === null)
        return '';
    return (0,src_text/* escapeMarkdown */.FV)(typeof value === 'string' ? value : JSON.stringify(value));
}
function mark(r) {
    return r.error ? '❌' : r.missing.length || violationsOf(r).length ? '⚠️' : '✅';
}
/**
 * Whether `on-change` should post a first comment: something failed, is missing or breaks a
 * rule, or a size moved or a platform went against the baseline. A clean run with nothing to
 * compare stays quiet.
 */
function isNoteworthy(content) {
    if (!content.ok || content.problems.length || content.missing.length)
        return true;
    if (content.records.some(r => r.error || violationsOf(r).length))
        return true;
    const { baseline } = content;
    if (!baseline)
        return false;
    return content.records.some(r => (0,src_baseline/* sizeDeltas */.$A)(r, baseline)?.platforms.some(d => d.delta !== 0) ||
        (0,src_baseline/* droppedPlatforms */.Rv)(r, baseline).length > 0);
}
/** The sections a reviewer needs first; each a list of lines, separately cuttable. */
function attentionSections(content) {
    const sections = [];
    if (content.problems.length) {
        sections.push([
            '**Problems of the run**',
            '',
            ...content.problems.map(p => `- ${(0,src_text/* escapeMarkdown */.FV)(p)}`)
        ]);
    }
    if (content.missing.length) {
        const found = new Map(content.records.map(r => [r.image, r.platforms.map(p => p.platform)]));
        sections.push([
            '**Missing platforms**',
            '',
            '| Image | Missing | Found |',
            '| --- | --- | --- |',
            ...content.missing.map(m => `| ${(0,src_text/* code */.aY)(m.image)} | ${(0,src_text/* code */.aY)(m.platform)} | ${(found.get(m.image) ?? []).map(src_text/* code */.aY).join(', ') || 'none'} |`)
        ]);
    }
    const violations = content.records.flatMap(violationsOf);
    if (violations.length) {
        sections.push([
            '**Policy violations**',
            '',
            '| Image | Platform | Rule | Expected | Found |',
            '| --- | --- | --- | --- | --- |',
            ...violations.map(v => `| ${(0,src_text/* code */.aY)(v.image)} | ${v.platform ? (0,src_text/* code */.aY)(v.platform) : ''} | ${(0,src_text/* code */.aY)(v.rule)} | ${figure(v.expected)} | ${figure(v.found)} |`)
        ]);
    }
    const failed = content.records.filter(r => r.error);
    if (failed.length) {
        sections.push([
            '**Could not resolve**',
            '',
            ...failed.map(r => `- ${(0,src_text/* code */.aY)(r.image)}: ${(0,src_text/* escapeMarkdown */.FV)(r.errorDetail?.message ?? r.error ?? '')}`)
        ]);
    }
    return sections;
}
function deltaOf(r, baseline) {
    return baseline ? (0,src_baseline/* sizeDeltas */.$A)(r, baseline) : undefined;
}
/** Each resolved image: its table, the baseline note, and (when asked) its chart. */
function imageSections(content, charts) {
    return content.records
        .filter(r => !r.error)
        .map(r => {
        const delta = deltaOf(r, content.baseline);
        const lines = [`### ${mark(r)} ${(0,src_text/* code */.aY)(r.image)}`, '', `${(0,src_text/* code */.aY)(`${r.ref}@${r.digest}`)}`, ''];
        if (r.platforms.length)
            lines.push(...(0,summary/* renderPlatformTable */.k)(r, delta), '');
        const compared = content.baseline ? (0,summary/* baselineNote */.OR)(r, content.baseline, delta) : undefined;
        if (compared)
            lines.push(compared, '');
        const why = (0,summary/* unavailableReason */.L3)(r);
        if (why)
            lines.push(`> ${why}`, '');
        const chart = charts ? (0,summary/* imageChart */.K5)(r, delta) : undefined;
        if (chart)
            lines.push(chart, '');
        while (lines.at(-1) === '')
            lines.pop();
        return lines;
    });
}
/** One row per resolved image: platforms, total size and its change. */
function briefTable(content) {
    const resolved = content.records.filter(r => !r.error);
    if (!resolved.length)
        return [];
    const withChange = !!content.baseline;
    return [
        [
            `| | Image | Platforms | Size |${withChange ? ' Change |' : ''}`,
            `| --- | --- | ---: | ---: |${withChange ? ' ---: |' : ''}`,
            ...resolved.map(r => {
                const known = r.platforms.every(p => p.size !== null);
                const size = known ? (0,src_text/* humanSize */.Xe)(r.platforms.reduce((n, p) => n + (p.size ?? 0), 0)) : 'n/a';
                const delta = deltaOf(r, content.baseline);
                const total = delta ? (0,size_change/* totalChange */.$)(delta.platforms) : undefined;
                const change = withChange ? ` ${total ? (0,size_change/* formatSizeChange */.v)(total) : 'n/a'} |` : '';
                return `| ${mark(r)} | ${(0,src_text/* code */.aY)(r.image)} | ${r.platforms.length} | ${size} |${change}`;
            })
        ]
    ];
}
function hashOf(content) {
    return (0,external_node_crypto_.createHash)('sha256').update(content).digest('hex');
}
function footer(place, shortened) {
    const where = place.runUrl ? `[the job summary](${place.runUrl})` : "the run's job summary";
    const lead = shortened
        ? `Shortened to fit GitHub's comment size limit: every figure is in ${where} and the report file.`
        : `Full report: ${where}.`;
    return `<sub>${lead} Written by digest-gate and updated in place on each run.</sub>`;
}
function assemble(marker, sections, place, shortened) {
    const content = quietMentions(sections.map(s => s.join('\n')).join('\n\n'));
    const hash = hashOf(content);
    const body = [
        marker,
        `<!-- digest-gate:content sha256=${hash} -->`,
        content,
        '',
        footer(place, shortened)
    ].join('\n');
    return { body, hash };
}
/**
 * The comment body within `limit` characters (GitHub counts characters; a UTF-16 length is
 * never below that): in full; else without charts; else the attention sections and one row
 * per image; else that cut to as many lines as fit, saying how many were left out. Every
 * shortened form points to the job summary. Registry-supplied text is escaped (src/text.ts)
 * and mentions are quietened.
 */
function renderCommentBody(content, place, limit = COMMENT_LIMIT) {
    const marker = commentMarker(place.workflow, place.job);
    const head = (0,summary/* summaryHeadline */.He)(content.records, content.ok).slice(0, 3);
    const attention = attentionSections(content);
    const forms = [
        ['full', [head, ...attention, ...imageSections(content, true)]],
        ['no-charts', [head, ...attention, ...imageSections(content, false)]],
        ['brief', [head, ...attention, ...briefTable(content)]]
    ];
    for (const [form, sections] of forms) {
        const out = assemble(marker, sections, place, form !== 'full');
        if (out.body.length <= limit)
            return { ...out, form };
    }
    // Cut line by line: the reserve covers the marker, hash line, footer and the cut notice.
    const lines = forms[2][1].flatMap((s, i) => (i ? ['', ...s] : s));
    const reserve = assemble(marker, [['…and 0000000 more lines, in the job summary.']], place, true);
    let budget = limit - reserve.body.length - 2;
    const kept = [];
    for (const line of lines) {
        // Measured after quietMentions, which only adds characters.
        const cost = quietMentions(line).length + 1;
        if (cost > budget)
            break;
        budget -= cost;
        kept.push(line);
    }
    const cut = [...kept, '', `…and ${lines.length - kept.length} more lines, in the job summary.`];
    return { ...assemble(marker, [cut], place, true), form: 'cut' };
}

;// CONCATENATED MODULE: ./src/review/comment.ts

const PR_EVENTS = ['pull_request', 'pull_request_target'];
const isObject = (v) => typeof v === 'object' && v !== null;
/** The number and the head and base repositories of a pull_request event payload. */
function pullRequestFacts(payload) {
    if (!isObject(payload))
        return {};
    const pr = isObject(payload.pull_request) ? payload.pull_request : undefined;
    const number = typeof pr?.number === 'number' ? pr.number : payload.number;
    const repoOf = (side) => {
        const repo = isObject(side) && isObject(side.repo) ? side.repo : undefined;
        return typeof repo?.full_name === 'string' ? repo.full_name : null;
    };
    return {
        number: typeof number === 'number' ? number : undefined,
        head: pr ? repoOf(pr.head) : undefined,
        base: pr ? repoOf(pr.base) : undefined
    };
}
/**
 * A `pull_request` event from a fork runs with a read-only token (GitHub: "Permissions for
 * the GITHUB_TOKEN"), so no comment can be written. A deleted fork leaves `head.repo` null.
 * `pull_request_target` runs in the base repository's context and may write.
 */
function isForkPullRequest(event, facts) {
    return event === 'pull_request' && !!facts.base && facts.head !== facts.base;
}
/**
 * Whether a comment body is this workflow's and job's: it begins with the marker line (a
 * comment edited in GitHub's web editor comes back with CRLF line ends). Quoting the marker
 * further down is not writing it.
 */
function isOurs(body, marker) {
    return !!body && body.startsWith(marker) && /^\r?\n/.test(body.slice(marker.length));
}
/** What to do, given the mode, the comment found (if any) and the body now. */
function planComment(mode, existing, hash, noteworthy) {
    if (existing) {
        return mode === 'on-change' && contentHashOf(existing.body) === hash ? 'unchanged' : 'update';
    }
    return mode === 'on-change' && !noteworthy ? 'quiet' : 'create';
}
function isHttpError(e) {
    return isObject(e) && typeof e.status === 'number' && typeof e.message === 'string';
}
/** GitHub's own words from an error answer (`{"message": …}`), else the error's message. */
function answerOf(e) {
    if (isObject(e) && isObject(e.response) && isObject(e.response.data)) {
        const message = e.response.data.message;
        if (typeof message === 'string')
            return message;
    }
    return e instanceof Error ? e.message : String(e);
}
const PERMISSION = 'The job needs `permissions: pull-requests: write` (or `issues: write`; the issue-comments API accepts either for a pull request) for the token in `github-token`.';
function explainFailure(stage, e, apiUrl) {
    const what = `Cannot ${stage} the pull request comment`;
    // Octokit reports a request that got no answer (refused, reset, timed out) with status 500
    // and no response; only an answer has GitHub's status and message.
    const answered = isHttpError(e) && isObject(e.response);
    if (!answered) {
        const cause = e instanceof Error ? e.message : String(e);
        return `${what}: GitHub's API at ${apiUrl} could not be reached (${cause}). Skipping the comment.`;
    }
    if (e.status === 403 || e.status === 404) {
        return `${what}: GitHub answered ${e.status} (${answerOf(e)}). ${PERMISSION} Skipping the comment.`;
    }
    if (e.status === 401) {
        return `${what}: GitHub answered 401 (${answerOf(e)}): the token in 'github-token' is not valid. Skipping the comment.`;
    }
    return `${what}: GitHub answered ${e.status} (${answerOf(e)}). Skipping the comment.`;
}
/**
 * Posts or updates the comment for this run. Skips quietly (an info line) outside pull
 * request events; warns and skips for a fork's read-only token, a missing token, missing
 * permissions and any API or network failure. Never throws for those.
 */
async function postComment(request, log) {
    const { env } = log;
    const skip = (reason, warn = false) => {
        if (warn)
            log.warning(reason);
        else
            log.info(reason);
        return { action: 'skipped', reason };
    };
    const mode = request.mode;
    if (mode === 'false')
        return { action: 'skipped', reason: "input 'comment' is false" };
    const event = env.GITHUB_EVENT_NAME ?? '';
    // Decided before Octokit is loaded: most runs that have `comment` set are not pull requests.
    if (!PR_EVENTS.includes(event)) {
        return skip(`Not a pull request event (${event || 'no GITHUB_EVENT_NAME'}): no pull request comment.`);
    }
    if (!request.token) {
        return skip("Input 'comment' needs a token to write the pull request comment, and 'github-token' is empty; skipping the comment.", true);
    }
    const github = await Promise.all(/* import() */[__webpack_require__.e(119), __webpack_require__.e(413)]).then(__webpack_require__.bind(__webpack_require__, 2413));
    const { context } = github;
    const facts = pullRequestFacts(context.payload);
    if (!facts.number) {
        return skip(`The ${event} event payload (GITHUB_EVENT_PATH) names no pull request number: no pull request comment.`);
    }
    if (isForkPullRequest(event, facts)) {
        return skip(`Pull request #${facts.number} comes from ${facts.head ?? 'a deleted fork'}, and the workflow's token is read-only for pull requests from forks (pull_request events); skipping the comment. The job summary has the same report.`, true);
    }
    let repo;
    try {
        repo = context.repo;
    }
    catch {
        return skip('GITHUB_REPOSITORY is not set: no pull request comment.', true);
    }
    const runUrl = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
        ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined;
    const place = { workflow: env.GITHUB_WORKFLOW ?? '', job: env.GITHUB_JOB ?? '', runUrl };
    const rendered = renderCommentBody(request.result, place);
    const marker = commentMarker(place.workflow, place.job);
    // GHES: the API is at GITHUB_API_URL (https://HOST/api/v3). Octokit's own fetch (undici,
    // through the toolkit's proxy dispatcher for https_proxy/no_proxy) carries the requests;
    // each gets the `timeout` input as its deadline, since Octokit sets none.
    const apiUrl = env.GITHUB_API_URL || 'https://api.github.com';
    const octokit = github.getOctokit(request.token, { baseUrl: apiUrl });
    const timeoutMs = request.timeoutSeconds * 1000;
    // A `before` hook, changing the options every later hook and the request itself read (a
    // `wrap` hook's own options never reach the request: the auth hook is bound to the originals).
    octokit.hook.before('request', options => {
        options.request = { ...options.request, signal: AbortSignal.timeout(timeoutMs) };
    });
    const where = { owner: repo.owner, repo: repo.repo };
    let existing;
    try {
        const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
            ...where,
            issue_number: facts.number,
            per_page: 100
        });
        for await (const page of pages) {
            // Oldest first: the first comment this workflow and job wrote is the sticky one.
            const found = page.data.find(c => isOurs(c.body, marker));
            if (found) {
                existing = { id: found.id, body: found.body ?? '' };
                log.debug(`Found this workflow's and job's comment: #${found.id} by ${found.user?.login ?? 'unknown'}`);
                break;
            }
        }
    }
    catch (e) {
        const reason = explainFailure('read', e, apiUrl);
        log.warning(reason);
        return { action: 'failed', reason };
    }
    const plan = planComment(mode, existing, rendered.hash, isNoteworthy(request.result));
    if (plan === 'unchanged' && existing) {
        log.info(`The pull request comment is up to date (on-change): #${existing.id} left as it is.`);
        return { action: 'unchanged', id: existing.id };
    }
    if (plan === 'quiet') {
        return skip('Nothing to report on the pull request (on-change: every image resolved, nothing missing, no size change); no comment posted.');
    }
    try {
        if (existing) {
            const { data } = await octokit.rest.issues.updateComment({
                ...where,
                comment_id: existing.id,
                body: rendered.body
            });
            log.info(`Updated the pull request comment: ${data.html_url}`);
            return { action: 'updated', id: data.id, url: data.html_url };
        }
        const { data } = await octokit.rest.issues.createComment({
            ...where,
            issue_number: facts.number,
            body: rendered.body
        });
        log.info(`Posted the pull request comment: ${data.html_url}`);
        return { action: 'created', id: data.id, url: data.html_url };
    }
    catch (e) {
        const reason = explainFailure(existing ? 'update' : 'create', e, apiUrl);
        log.warning(reason);
        return { action: 'failed', reason };
    }
}


/***/ })

};
