/**
 * How much of each kind of answer is read at most, wherever it comes from (a registry, a
 * Docker Engine, a layout on disk, the cache). Plain numbers, so the walk and the sources share
 * them without knowing about HTTP.
 */

/** containerd's manifest read limit; distribution refuses to store larger ones anyway. */
export const MANIFEST_CAP = 4 * 1024 * 1024
/** Image configs are small JSON; the same bound as manifests. */
export const CONFIG_CAP = 4 * 1024 * 1024
/** Registry error bodies are small JSON; more than this is noise (or hostile). */
export const ERROR_BODY_CAP = 64 * 1024
/** Token answers are a JWT or two in JSON. */
export const TOKEN_BODY_CAP = 64 * 1024
/** A Docker Engine's /distribution answer: one descriptor and a platform list. */
export const DAEMON_BODY_CAP = 1024 * 1024
/** Alibaba Cloud's API answers one manifest wrapped in JSON. */
export const ALIYUN_BODY_CAP = 4 * 1024 * 1024
