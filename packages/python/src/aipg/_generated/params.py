# generated — do not edit.
# Made by scripts/generate.mjs (datamodel-code-generator) from openapi/aipg.yaml; run `pnpm gen` after changing the spec.

from __future__ import annotations

from typing import Any, Literal, TypeAlias, TypedDict
from uuid import UUID

from typing_extensions import NotRequired

ChatCompletionRequestStop: TypeAlias = list[str]


class ChatCompletionRequestResponseFormat(TypedDict):
    type: NotRequired[str]
    json_schema: NotRequired[dict[str, Any]]


class ChatCompletionRequestStreamOptions(TypedDict):
    include_usage: NotRequired[bool]


ChatCompletionRequestModel: TypeAlias = str


class ChatCompletionContentPartImageUrl(TypedDict):
    url: str
    detail: NotRequired[str]


class ChatCompletionContentPart(TypedDict):
    type: str
    text: NotRequired[str]
    image_url: NotRequired[ChatCompletionContentPartImageUrl]


class ChatCompletionToolFunction(TypedDict):
    name: str
    description: NotRequired[str]
    parameters: NotRequired[dict[str, Any]]


class ChatCompletionTool(TypedDict):
    type: str
    function: NotRequired[ChatCompletionToolFunction]


class ChatCompletionMessageToolCallFunction(TypedDict):
    name: NotRequired[str]
    arguments: NotRequired[str]


class ChatCompletionMessageToolCall(TypedDict):
    index: NotRequired[int]
    id: NotRequired[str]
    type: NotRequired[str]
    function: NotRequired[ChatCompletionMessageToolCallFunction]


class ChatCompletionMessage(TypedDict):
    role: Literal['assistant']
    content: str | None
    reasoning_content: NotRequired[str | None]
    tool_calls: NotRequired[list[ChatCompletionMessageToolCall]]


class ChatCompletionDelta(TypedDict):
    role: NotRequired[Literal['assistant']]
    content: NotRequired[str | None]
    reasoning_content: NotRequired[str | None]
    tool_calls: NotRequired[list[ChatCompletionMessageToolCall]]


class CompletionUsage(TypedDict):
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


class ResultSignature(TypedDict):
    generation_id: str
    sha256: str
    signed_at: int
    worker: str
    worker_sig: str
    public_key: str


RoutingPreferencesPreferItem: TypeAlias = str


RoutingPreferencesOnlyItem: TypeAlias = str


RoutingPreferencesIgnoreItem: TypeAlias = str


class RoutingPreferences(TypedDict):
    prefer: NotRequired[list[RoutingPreferencesPreferItem]]
    only: NotRequired[list[RoutingPreferencesOnlyItem]]
    ignore: NotRequired[list[RoutingPreferencesIgnoreItem]]
    trusted_only: NotRequired[bool]
    region: NotRequired[str]
    sort: NotRequired[Literal['speed', 'latency', 'reputation', 'price']]
    min_tokens_per_s: NotRequired[float]
    max_ttft: NotRequired[float]
    allow_fallbacks: NotRequired[bool]


class RoutingExplanationFallback(TypedDict):
    model: str
    reason: str


class RoutingExplanationRunnersUpItem(TypedDict):
    worker: str
    weight: float


class RoutingScores(TypedDict):
    worker: str
    weight: float
    capacity: NotRequired[float]
    speed: NotRequired[float]
    latency: NotRequired[float]
    reliability: NotRequired[float]
    region: NotRequired[float]
    reputation: NotRequired[float]


class StreamErrorChunkError(TypedDict):
    message: str
    type: Literal['invalid_request_error', 'upstream_error', 'service_unavailable']


class StreamErrorChunk(TypedDict):
    error: StreamErrorChunkError


class ModelPricing(TypedDict):
    currency: str
    input_per_mtok_usd: float
    output_per_mtok_usd: float
    source: str
    version: str


class Health(TypedDict):
    status: Literal['ok', 'degraded']
    build_commit: str | None
    redis: bool
    workers_connected: int
    models_available: list[str]


class ValidationErrorItem(TypedDict):
    loc: list[str | int]
    msg: str
    type: str
    input: NotRequired[Any]
    ctx: NotRequired[dict[str, Any]]


class RateLimitErrorBodyError(TypedDict):
    message: str
    type: Literal['rate_limit_error']


class RateLimitErrorBody(TypedDict):
    error: RateLimitErrorBodyError


ImageOutputFormat: TypeAlias = Literal['png', 'jpeg', 'webp']


class ImageLora(TypedDict):
    name: str
    strength: NotRequired[float]
    clip: NotRequired[float]


class ImageGridMetadata(TypedDict):
    model: NotRequired[str]
    gen_time: NotRequired[float]
    steps: NotRequired[int]
    den: NotRequired[float]


class ImageProgress(TypedDict):
    progress: float | None


class ChatQuote(TypedDict):
    object: Literal['chat.completion.quote']
    model: str
    n: int
    prompt_tokens: int
    max_tokens: int
    context_tokens: int
    size_factor: float
    context_factor: float
    den_per_token: float
    fee: float
    den_per_choice: float
    den: float


class ImageQuote(TypedDict):
    object: Literal['image.quote']
    model: str
    n: int
    width: int
    height: int
    steps: int
    megapixel_steps: float
    family_factor: float
    den_per_megapixel_step: float
    den_per_image: float
    den: float


class UsageRow(TypedDict):
    date: str
    model: str
    requests: int
    prompt_tokens: int
    completion_tokens: int
    images: int
    den: float


class UsageTotals(TypedDict):
    requests: int
    prompt_tokens: int
    completion_tokens: int
    images: int
    den: float


JobEventType: TypeAlias = Literal['queued', 'requeued', 'assigned', 'progress', 'token', 'done', 'failed', 'faulted', 'cancelled']


class JobEventBase(TypedDict):
    seq: int
    id: str
    index: int
    at: int


class JobQueuedEvent(JobEventBase):
    type: Literal['queued']
    position: int


class JobRequeuedEvent(JobEventBase):
    type: Literal['requeued']
    reason: str


class Worker(TypedDict):
    id: str
    name: str
    region: NotRequired[str]


class JobAssignedEvent(JobEventBase):
    type: Literal['assigned']
    worker: Worker
    model: str


class JobProgressEvent(JobEventBase):
    type: Literal['progress']
    tokens: NotRequired[int]
    pct: NotRequired[float]


class JobTokenEvent(JobEventBase):
    type: Literal['token']
    delta: ChatCompletionDelta


class JobImageResult(TypedDict):
    id: str
    url: NotRequired[str]
    seed: str
    model: str
    worker: str
    censored: NotRequired[bool]


class JobFailedEvent(JobEventBase):
    type: Literal['failed']
    final: NotRequired[bool]
    message: str


class JobFaultedEvent(JobEventBase):
    type: Literal['faulted']
    final: NotRequired[bool]
    message: str


class JobCancelledEvent(JobEventBase):
    type: Literal['cancelled']
    final: NotRequired[bool]


class JobEventStreamEvent(TypedDict):
    id: str
    event: JobEventType
    data: str


class FileUploadRequest(TypedDict):
    file: str
    purpose: Literal['batch']


FilePurpose: TypeAlias = Literal['batch', 'batch_output']


class FileObject(TypedDict):
    id: str
    object: Literal['file']
    bytes: int
    created_at: int
    filename: str
    purpose: FilePurpose
    status: Literal['uploaded', 'processed', 'error']
    expires_at: NotRequired[int | None]
    status_details: NotRequired[str | None]


class FileDeleted(TypedDict):
    id: str
    object: Literal['file']
    deleted: bool


class FileList(TypedDict):
    object: Literal['list']
    data: list[FileObject]
    first_id: NotRequired[str | None]
    last_id: NotRequired[str | None]
    has_more: bool


BatchEndpoint: TypeAlias = Literal['/v1/chat/completions']


BatchStatus: TypeAlias = Literal['validating', 'failed', 'in_progress', 'finalizing', 'completed', 'expired', 'cancelling', 'cancelled']


class BatchCreateRequest(TypedDict):
    input_file_id: str
    endpoint: BatchEndpoint
    completion_window: Literal['24h']
    metadata: NotRequired[dict[str, str] | None]


class BatchRequestCounts(TypedDict):
    total: int
    completed: int
    failed: int


class BatchError(TypedDict):
    code: str
    message: str
    param: NotRequired[str | None]
    line: NotRequired[int | None]


class BatchErrors(TypedDict):
    object: Literal['list']
    data: list[BatchError]


class BatchUsageInputTokensDetails(TypedDict):
    cached_tokens: int


class BatchUsageOutputTokensDetails(TypedDict):
    reasoning_tokens: int


class BatchUsage(TypedDict):
    input_tokens: int
    input_tokens_details: BatchUsageInputTokensDetails
    output_tokens: int
    output_tokens_details: BatchUsageOutputTokensDetails
    total_tokens: int


class Batch(TypedDict):
    id: str
    object: Literal['batch']
    endpoint: str
    model: NotRequired[str | None]
    errors: BatchErrors | None
    input_file_id: str
    completion_window: str
    status: BatchStatus
    output_file_id: str | None
    error_file_id: str | None
    created_at: int
    in_progress_at: int | None
    expires_at: int | None
    finalizing_at: int | None
    completed_at: int | None
    failed_at: int | None
    expired_at: int | None
    cancelling_at: int | None
    cancelled_at: int | None
    request_counts: BatchRequestCounts
    usage: NotRequired[BatchUsage]
    metadata: dict[str, Any] | None


class BatchList(TypedDict):
    object: Literal['list']
    data: list[Batch]
    first_id: NotRequired[str | None]
    last_id: NotRequired[str | None]
    has_more: bool


class BatchRequestInput(TypedDict):
    custom_id: str
    method: Literal['POST']
    url: str
    body: dict[str, Any]


class BatchRequestOutputResponse(TypedDict):
    status_code: int
    request_id: str
    body: dict[str, Any]


class BatchRequestOutputError(TypedDict):
    code: str
    message: str
    line: NotRequired[int]


class BatchRequestOutput(TypedDict):
    id: str
    custom_id: str | None
    response: BatchRequestOutputResponse | None
    error: BatchRequestOutputError | None


BatchFileLine: TypeAlias = BatchRequestInput | BatchRequestOutput


WsJobKind: TypeAlias = Literal['text', 'image', 'video', 'audio', '3d']


WsApiFormat: TypeAlias = Literal['openai-chat', 'openai-responses', 'anthropic']


WsModality: TypeAlias = Literal['text', 'image', 'video']


class WsRegister(TypedDict):
    apikey: str
    name: str
    models: NotRequired[list[str]]
    max_length: NotRequired[int]
    max_context_length: NotRequired[int]
    job_types: NotRequired[list[WsJobKind]]
    worker_type: NotRequired[WsJobKind]
    bridge_agent: NotRequired[str]
    api_formats: NotRequired[list[WsApiFormat]]
    modalities: NotRequired[list[WsModality]]
    worker_profile: NotRequired[dict[str, Any]]
    worker_identity: NotRequired[dict[str, Any]]
    signer_address: NotRequired[str]
    public_key: NotRequired[str]
    region: NotRequired[str]
    max_pixels: NotRequired[int]
    allow_img2img: NotRequired[bool]
    allow_painting: NotRequired[bool]
    allow_post_processing: NotRequired[bool]
    allow_lora: NotRequired[bool]
    allow_controlnet: NotRequired[bool]
    amount: NotRequired[int]


class WsPong(TypedDict):
    type: Literal['pong']


class WsToken(TypedDict):
    type: Literal['token']
    id: str
    delta: NotRequired[ChatCompletionDelta]
    finish_reason: NotRequired[str | None]
    text: NotRequired[str]
    reasoning: NotRequired[bool]
    logprobs: NotRequired[dict[str, Any]]


class WsDone(TypedDict):
    type: Literal['done']
    id: str
    full_text: str
    full_reasoning: NotRequired[str | None]
    finish_reason: NotRequired[str | None]
    usage: NotRequired[CompletionUsage | None]
    cancelled: NotRequired[bool]
    worker_sig: NotRequired[str | None]
    signed_at: NotRequired[int]


class WsWorkerError(TypedDict):
    type: Literal['error']
    id: str
    message: str
    client_error: NotRequired[bool]


WsWorkerFrame: TypeAlias = WsPong | WsToken | WsDone | WsWorkerError


class WsReady(TypedDict):
    type: Literal['ready']
    worker_id: str


class WsServerError(TypedDict):
    type: Literal['error']
    message: str


class WsPing(TypedDict):
    type: Literal['ping']


class WsCancel(TypedDict):
    type: Literal['cancel']
    id: str


class WsAck(TypedDict):
    type: Literal['ack']
    id: str
    den: float


class WsUploadSlot(TypedDict):
    put_url: str
    key: str
    content_type: Literal['image/webp', 'image/png', 'image/jpeg', 'video/mp4', 'audio/wav', 'model/gltf-binary']
    expires_at: NotRequired[int]


WsMediaJobPayloadSeed: TypeAlias = int


class WsProgress(TypedDict):
    type: Literal['progress']
    id: str
    pct: float
    preview_b64: NotRequired[str]


class WsMediaResult(TypedDict):
    index: int
    seed: int
    sha256: str


class WsMediaDone(TypedDict):
    type: Literal['done']
    id: str
    results: list[WsMediaResult]
    cancelled: NotRequired[bool]


WsMediaWorkerFrame: TypeAlias = WsPong | WsProgress | WsMediaDone | WsWorkerError


WsCloseCode: TypeAlias = Literal[4001, 4003, 1012]


class ClientWsLimits(TypedDict):
    max_concurrent_requests: int
    max_frame_bytes: int
    max_connections_per_key: int
    idle_timeout_s: int
    auth_timeout_s: int


class ClientWsAuth(TypedDict):
    type: Literal['auth']
    api_key: str


ClientWsRequestId: TypeAlias = str


class ClientWsJobSubscribe(TypedDict):
    type: Literal['jobs.subscribe']
    id: ClientWsRequestId
    job_id: str
    after: NotRequired[int]


class ClientWsCancel(TypedDict):
    type: Literal['cancel']
    id: ClientWsRequestId


class ClientWsPing(TypedDict):
    type: Literal['ping']
    id: NotRequired[str]


class ClientWsReady(TypedDict):
    type: Literal['ready']
    connection_id: str
    limits: ClientWsLimits


class ClientWsDone(TypedDict):
    type: Literal['done']
    id: ClientWsRequestId
    cancelled: NotRequired[bool]


ClientWsErrorKind: TypeAlias = Literal['invalid_frame', 'duplicate_id', 'unknown_id', 'limit_exceeded', 'invalid_request_error', 'authentication_error', 'payment_required', 'permission_error', 'not_found_error', 'rate_limit_error', 'upstream_error', 'service_unavailable', 'internal_error']


class ClientWsErrorError(TypedDict):
    message: str
    type: ClientWsErrorKind
    status: int
    code: NotRequired[str]
    param: NotRequired[str | None]
    limit: NotRequired[str]
    max: NotRequired[float]
    retry_after_ms: NotRequired[int]


class ClientWsError(TypedDict):
    type: Literal['error']
    id: ClientWsRequestId | None
    error: ClientWsErrorError


class ClientWsPong(TypedDict):
    type: Literal['pong']
    id: NotRequired[str]


ClientWsCloseCode: TypeAlias = Literal[4001, 4003, 4008, 4029, 1008, 1009, 1012]


HordeTextAsyncRequestModel: TypeAlias = str


HordeTextParamsSamplerOrderItem: TypeAlias = int


class HordeTextParams(TypedDict):
    n: NotRequired[int]
    max_length: NotRequired[int]
    max_context_length: NotRequired[int]
    temperature: NotRequired[float]
    top_p: NotRequired[float]
    top_k: NotRequired[int]
    top_a: NotRequired[float]
    tfs: NotRequired[float]
    typical: NotRequired[float]
    min_p: NotRequired[float]
    rep_pen: NotRequired[float]
    rep_pen_range: NotRequired[int]
    rep_pen_slope: NotRequired[float]
    smoothing_factor: NotRequired[float]
    dynatemp_range: NotRequired[float]
    dynatemp_exponent: NotRequired[float]
    sampler_order: NotRequired[list[HordeTextParamsSamplerOrderItem]]
    stop_sequence: NotRequired[list[str]]
    use_default_badwordsids: NotRequired[bool]
    singleline: NotRequired[bool]
    frmtadsnsp: NotRequired[bool]
    frmtrmblln: NotRequired[bool]
    frmtrmspch: NotRequired[bool]
    frmttriminc: NotRequired[bool]


class HordeWarning(TypedDict):
    code: str
    message: str


class HordeDryRunResponse(TypedDict):
    kudos: float


class HordeProgress(TypedDict):
    progress_percent: NotRequired[float]
    current_step: NotRequired[int]
    total_steps: NotRequired[int]
    progress_updated_at: NotRequired[str | None]


HordeGenerationState: TypeAlias = Literal['ok', 'censored', 'faulted', 'csam']


class HordeGenMetadata(TypedDict):
    type: Literal['lora', 'ti', 'censorship', 'source_image', 'source_mask', 'extra_source_images', 'batch_index', 'information']
    value: Literal['download_failed', 'parse_failed', 'baseline_mismatch', 'csam', 'nsfw', 'see_ref']
    ref: NotRequired[str]


HordeTextPopRequestModel: TypeAlias = str


class HordeTextPopRequest(TypedDict):
    name: str
    models: list[HordeTextPopRequestModel]
    max_length: NotRequired[int]
    max_context_length: NotRequired[int]
    softprompts: NotRequired[list[str]]
    priority_usernames: NotRequired[list[str]]
    nsfw: NotRequired[bool]
    threads: NotRequired[int]
    bridge_agent: NotRequired[str]
    require_upfront_kudos: NotRequired[bool]
    amount: NotRequired[int]
    extra_slow_worker: NotRequired[bool]
    wallet_address: NotRequired[str | None]
    public_key: NotRequired[str]
    region: NotRequired[str]


class HordeTextPopPayload(HordeTextParams):
    prompt: str


HordeNoValidRequestFound = TypedDict(
    'HordeNoValidRequestFound',
    {
        'worker_id': NotRequired[int],
        'performance': NotRequired[int],
        'nsfw': NotRequired[int],
        'blacklist': NotRequired[int],
        'untrusted': NotRequired[int],
        'models': NotRequired[int],
        'bridge_version': NotRequired[int],
        'kudos': NotRequired[int],
        'max_context_length': NotRequired[int],
        'max_length': NotRequired[int],
        'matching_softprompt': NotRequired[int],
        'batch_size': NotRequired[int],
        'max_pixels': NotRequired[int],
        'step_count': NotRequired[int],
        'unsafe_ip': NotRequired[int],
        'img2img': NotRequired[int],
        'painting': NotRequired[int],
        'post-processing': NotRequired[int],
        'lora': NotRequired[int],
        'controlnet': NotRequired[int],
    },
)


class HordeMessage(TypedDict):
    id: NotRequired[str]
    message: NotRequired[str]
    origin: NotRequired[str]
    expiry: NotRequired[str]


class HordeTextSubmitRequest(TypedDict):
    id: UUID
    generation: str
    state: NotRequired[HordeGenerationState]
    seed: NotRequired[int]
    gen_metadata: NotRequired[list[HordeGenMetadata]]
    worker_sig: NotRequired[str | None]
    signed_at: NotRequired[int]


class HordeSubmitResponse(TypedDict):
    reward: float


HordeImageAsyncRequestModel: TypeAlias = str


HordeSampler: TypeAlias = Literal['k_lms', 'k_heun', 'k_euler', 'k_euler_a', 'k_dpm_2', 'k_dpm_2_a', 'k_dpm_fast', 'k_dpm_adaptive', 'k_dpmpp_2s_a', 'k_dpmpp_2m', 'dpmsolver', 'k_dpmpp_sde', 'DDIM', 'lcm']


HordePostProcessor: TypeAlias = Literal['GFPGAN', 'RealESRGAN_x4plus', 'RealESRGAN_x2plus', 'RealESRGAN_x4plus_anime_6B', 'NMKD_Siax', '4x_AnimeSharp', 'CodeFormers', 'strip_background']


HordeControlType: TypeAlias = Literal['canny', 'hed', 'depth', 'normal', 'openpose', 'seg', 'scribble', 'fakescribbles', 'hough']


HordeSourceProcessing: TypeAlias = Literal['txt2img', 'img2img', 'inpainting', 'outpainting', 'remix', 'txt2video', 'img2video']


HordeMediaType: TypeAlias = Literal['image', 'video']


class HordeLora(TypedDict):
    name: str
    model: NotRequired[float]
    clip: NotRequired[float]
    inject_trigger: NotRequired[str]
    is_version: NotRequired[bool]


class HordeTextualInversion(TypedDict):
    name: str
    inject_ti: NotRequired[Literal['prompt', 'negprompt']]
    strength: NotRequired[float]


class HordeExtraSourceImage(TypedDict):
    image: str
    strength: NotRequired[float]


class HordeExtraText(TypedDict):
    text: str
    reference: str


class HordeImageCheck(TypedDict):
    finished: int
    processing: int
    restarted: int
    waiting: int
    done: bool
    faulted: bool
    wait_time: int
    queue_position: int
    kudos: float
    is_possible: bool
    progress: NotRequired[HordeProgress]


class HordeImageGeneration(TypedDict):
    img: str
    seed: str
    id: UUID
    censored: bool
    gen_metadata: NotRequired[list[HordeGenMetadata]]
    worker_id: UUID
    worker_name: str
    model: str
    state: HordeGenerationState


HordeImagePopRequestModel: TypeAlias = str


class HordeImagePopRequest(TypedDict):
    name: str
    models: list[HordeImagePopRequestModel]
    max_pixels: NotRequired[int]
    blacklist: NotRequired[list[str]]
    allow_img2img: NotRequired[bool]
    allow_painting: NotRequired[bool]
    allow_post_processing: NotRequired[bool]
    allow_controlnet: NotRequired[bool]
    allow_sdxl_controlnet: NotRequired[bool]
    allow_lora: NotRequired[bool]
    allow_unsafe_ipaddr: NotRequired[bool]
    limit_max_steps: NotRequired[bool]
    priority_usernames: NotRequired[list[str]]
    nsfw: NotRequired[bool]
    threads: NotRequired[int]
    bridge_agent: NotRequired[str]
    bridge_version: NotRequired[int]
    require_upfront_kudos: NotRequired[bool]
    amount: NotRequired[int]
    extra_slow_worker: NotRequired[bool]
    wallet_address: NotRequired[str | None]


HordeImagePopPayloadSeed: TypeAlias = int


class HordeImagePopPayload(TypedDict):
    prompt: str
    ddim_steps: int
    seed: int
    seeds: NotRequired[list[HordeImagePopPayloadSeed]]
    batch_size: NotRequired[int]
    n_iter: NotRequired[int]
    sampler_name: HordeSampler
    cfg_scale: float
    width: int
    height: int
    karras: NotRequired[bool]
    use_nsfw_censor: NotRequired[bool]
    denoising_strength: NotRequired[float]
    hires_fix: NotRequired[bool]
    hires_fix_denoising_strength: NotRequired[float]
    clip_skip: NotRequired[int]
    tiling: NotRequired[bool]
    facefixer_strength: NotRequired[float]
    post_processing: NotRequired[list[HordePostProcessor]]
    control_type: NotRequired[HordeControlType]
    image_is_control: NotRequired[bool]
    return_control_map: NotRequired[bool]
    loras: NotRequired[list[HordeLora]]
    tis: NotRequired[list[HordeTextualInversion]]
    special: NotRequired[dict[str, Any]]
    workflow: NotRequired[Literal['qr_code'] | None]
    transparent: NotRequired[bool]
    extra_texts: NotRequired[list[HordeExtraText]]


class HordeImageSubmitRequest(TypedDict):
    id: UUID
    generation: str
    state: NotRequired[HordeGenerationState]
    seed: int
    censored: NotRequired[bool]
    gen_metadata: NotRequired[list[HordeGenMetadata]]
    media_type: NotRequired[HordeMediaType]
    tags: NotRequired[list[str]]
    r2_download_url: NotRequired[str | None]
    file_size: NotRequired[int | None]
    sha256: NotRequired[str]


class HordeImageProgressRequest(TypedDict):
    id: UUID
    current_step: int
    total_steps: int


class HordeHeartbeat(TypedDict):
    message: Literal['OK', 'DOWN', 'OVERLOADED']
    version: str
    queue: NotRequired[int]
    threads: NotRequired[int]
    active_count: NotRequired[int]
    db_connection: NotRequired[bool]


class HordePerformance(TypedDict):
    queued_requests: NotRequired[int]
    queued_text_requests: NotRequired[int]
    worker_count: NotRequired[int]
    text_worker_count: NotRequired[int]
    thread_count: NotRequired[int]
    text_thread_count: NotRequired[int]
    queued_megapixelsteps: NotRequired[float]
    past_minute_megapixelsteps: NotRequired[float]
    queued_forms: NotRequired[float]
    interrogator_count: NotRequired[int]
    interrogator_thread_count: NotRequired[int]
    queued_tokens: NotRequired[float]
    past_minute_tokens: NotRequired[float]


class HordeActiveModel(TypedDict):
    name: str
    count: int
    performance: NotRequired[float]
    queued: NotRequired[float]
    jobs: NotRequired[float]
    eta: NotRequired[int]
    type: Literal['image', 'text']


class HordeWorkerDetailsKudosDetails(TypedDict):
    generated: NotRequired[float]
    uptime: NotRequired[float]


class HordeWorkerDetailsTeam(TypedDict):
    name: NotRequired[str | None]
    id: NotRequired[str | None]


class HordeUserDetailsKudosDetails(TypedDict):
    accumulated: NotRequired[float]
    gifted: NotRequired[float]
    donated: NotRequired[float]
    admin: NotRequired[float]
    received: NotRequired[float]
    recurring: NotRequired[float]
    awarded: NotRequired[float]
    styled: NotRequired[float]


class HordeUserDetailsActiveGenerations(TypedDict):
    text: NotRequired[list[str]]
    image: NotRequired[list[str]]
    alchemy: NotRequired[list[str]]


class HordeUserDetails(TypedDict):
    username: str
    id: int
    kudos: float
    evaluating_kudos: NotRequired[float]
    concurrency: NotRequired[int]
    worker_invited: NotRequired[int]
    moderator: NotRequired[bool]
    kudos_details: NotRequired[HordeUserDetailsKudosDetails]
    worker_count: NotRequired[int]
    worker_ids: NotRequired[list[str]]
    sharedkey_ids: NotRequired[list[str]]
    active_generations: NotRequired[HordeUserDetailsActiveGenerations]
    monthly_kudos: NotRequired[dict[str, Any]]
    trusted: NotRequired[bool]
    flagged: NotRequired[bool]
    vpn: NotRequired[bool]
    service: NotRequired[bool]
    education: NotRequired[bool]
    customizer: NotRequired[bool]
    special: NotRequired[bool]
    suspicious: NotRequired[int]
    pseudonymous: NotRequired[bool]
    contact: NotRequired[str | None]
    admin_comment: NotRequired[str | None]
    account_age: NotRequired[int]
    usage: NotRequired[dict[str, Any]]
    contributions: NotRequired[dict[str, Any]]
    records: NotRequired[dict[str, Any]]
    styles: NotRequired[list[dict[str, Any]]]


class HordeNewspiece(TypedDict):
    date_published: str
    newspiece: str
    importance: str
    tags: NotRequired[list[str]]
    title: NotRequired[str]
    more_info_urls: NotRequired[list[str]]


class HordeModes(TypedDict):
    maintenance_mode: bool
    invite_only_mode: bool
    raid_mode: NotRequired[bool]


class HordeTextStatsPeriod(TypedDict):
    requests: int
    tokens: int


class HordeTextStatsTotals(TypedDict):
    minute: HordeTextStatsPeriod
    hour: HordeTextStatsPeriod
    day: HordeTextStatsPeriod
    month: HordeTextStatsPeriod
    total: HordeTextStatsPeriod


class HordeTextModelStats(TypedDict):
    day: dict[str, int]
    month: dict[str, int]
    total: dict[str, int]


HordeRc: TypeAlias = Literal['BadRequest', 'MissingPrompt', 'CorruptPrompt', 'TokenOverflow', 'TooManyStopSequences', 'ExcessiveStopSequence', 'MissingFullSamplerOrder', 'InvalidPriorityUsername', 'PolymorphicNameConflict', 'ProfaneWorkerName', 'DuplicateGen', 'AbortedGen', 'NoValidWorkers', 'MaintenanceMode', 'KudosValidationError', 'KudosTransferToSelf', 'KudosTransferNotEnough', 'KudosTransferToAnon', 'KudosTransferFromAnon', 'NegativeKudosTransfer', 'TooFastKudosTransfers', 'TargetAccountFlagged', 'SourceAccountFlagged', 'FaultWhenKudosReceiving', 'FaultWhenKudosSending', 'EducationCannotSendKudos', 'UnsupportedModel', 'UnsupportedSampler', 'ControlNetMismatch', 'SourceMaskUnnecessary', 'ImageValidationFailed', 'VideoModeWithImageModel', 'InvalidExtraSourceImages.', 'TooManyExtraSourceImages', 'OnlyServiceAccountProxy', 'RequiresTrust', 'NoValidActions', 'InvalidSize', 'InvalidPromptSize', 'TooManySteps', 'Profanity', 'ProfaneBridgeAgent', 'ProfaneWorkerInfo', 'TooLong', 'TooLongWorkerName', 'NameAlreadyExists', 'WorkerNameAlreadyExists', 'BadClientAgent', 'InvalidAPIKey', 'WrongCredentials', 'KudosUpfront', 'SharedKeyEmpty', 'SharedKeyExpired', 'SharedKeyInsufficientKudos', 'AnonForbidden', 'AnonForbiddenWorker', 'NotTrusted', 'NotOwner', 'NotAdmin', 'WorkerMaintenance', 'WorkerFlaggedMaintenance', 'TimeoutIP', 'UnsafeIP', 'UntrustedUnsafeIP', 'TooManyNewIPs', 'TooManySameIPs', 'WorkerInviteOnly', 'NotModerator', 'NotPrivileged', 'Forbidden', 'RequestNotFound', 'InvalidJobID', 'WorkerNotFound', 'UserNotFound', 'ThingNotFound', 'RequestExpired', 'Locked', 'TooManyPrompts']


class HordeValidationError(TypedDict):
    message: str
    errors: dict[str, str]


class HordeRateLimitError(TypedDict):
    message: str


class HordeGone(TypedDict):
    status: Literal['gone']
    message: str


class ChatCompletionStreamEvent(TypedDict):
    data: Literal['[DONE]'] | str
    event: NotRequired[Literal['message']]


class WorkerVerificationBenchmark(TypedDict):
    tokens_per_s: float | None
    ttft: float | None


class WorkerVerificationCanaries(TypedDict):
    passed: int
    failed: int


class WorkerVerification(TypedDict):
    state: Literal['pending', 'verified', 'failed']
    next_probe_at: int | None
    probes_failed: int
    last_failure: str | None
    benchmark: WorkerVerificationBenchmark | None
    canaries: WorkerVerificationCanaries


class HordeHttpError(TypedDict):
    message: str


class ChatMessage(TypedDict):
    role: Literal['system', 'user', 'assistant', 'tool', 'developer']
    content: NotRequired[str | list[ChatCompletionContentPart] | None]
    name: NotRequired[str]
    tool_calls: NotRequired[list[ChatCompletionMessageToolCall]]
    tool_call_id: NotRequired[str]
    reasoning_content: NotRequired[str | None]


class ChatCompletionChoice(TypedDict):
    index: int
    message: ChatCompletionMessage
    finish_reason: str
    logprobs: NotRequired[None]


class ChatCompletionChunkChoice(TypedDict):
    index: int
    delta: ChatCompletionDelta
    finish_reason: NotRequired[str | None]
    logprobs: NotRequired[None]


class RoutingExplanation(TypedDict):
    requested: str
    resolved: NotRequired[str]
    model: NotRequired[str]
    model_rule: NotRequired[str]
    fallbacks: NotRequired[list[RoutingExplanationFallback]]
    decided: NotRequired[Literal['routed', 'queued']]
    rule: NotRequired[str]
    considered: NotRequired[int]
    eligible: NotRequired[int]
    rejected: NotRequired[dict[str, int]]
    winner: NotRequired[RoutingScores]
    runners_up: NotRequired[list[RoutingExplanationRunnersUpItem]]
    attempt: NotRequired[int]
    waited: NotRequired[float]


class Model(TypedDict):
    id: str
    object: Literal['model']
    created: int
    owned_by: str
    input_modalities: NotRequired[list[Literal['text', 'image', 'video']]]
    pricing: NotRequired[ModelPricing | None]


class ModelList(TypedDict):
    object: Literal['list']
    data: list[Model]


class ModelStatus(TypedDict):
    name: str
    count: int
    type: WsJobKind
    max_context_length: int | None
    samples: int
    tokens_per_s: float | None
    avg_ttft_s: float | None
    avg_latency_s: float | None
    capabilities: NotRequired[dict[str, Any]]


class WorkerSummary(TypedDict):
    id: str
    name: str
    models: list[str]
    job_types: list[WsJobKind]
    online: Literal[True]
    region: NotRequired[str | None]
    reputation: NotRequired[float]
    reliability: NotRequired[float]
    tokens_per_s: NotRequired[float | None]
    ttft: NotRequired[float | None]
    uptime: NotRequired[int]
    verification: NotRequired[WorkerVerification | None]


class ErrorDetail(TypedDict):
    detail: str | list[ValidationErrorItem]


class ImageGenerationRequest(TypedDict):
    prompt: str
    model: NotRequired[str]
    n: NotRequired[int]
    size: NotRequired[str]
    quality: NotRequired[Literal['auto', 'standard', 'hd', 'low', 'medium', 'high']]
    response_format: NotRequired[Literal['url', 'b64_json']]
    output_format: NotRequired[ImageOutputFormat]
    image: NotRequired[str]
    strength: NotRequired[float]
    denoise: NotRequired[float]
    negative_prompt: NotRequired[str]
    steps: NotRequired[int]
    cfg_scale: NotRequired[float]
    sampler: NotRequired[HordeSampler]
    seed: NotRequired[int]
    loras: NotRequired[list[ImageLora]]
    worker: NotRequired[str]
    style: NotRequired[str]
    progress_token: NotRequired[str]
    dry_run: NotRequired[bool]


class Image(TypedDict):
    url: NotRequired[str]
    b64_json: NotRequired[str]
    revised_prompt: NotRequired[str]
    seed: NotRequired[int]
    worker: NotRequired[str]
    routing: NotRequired[RoutingExplanation]


class UsageReport(TypedDict):
    object: Literal['usage.report']
    start_date: str
    end_date: str
    data: list[UsageRow]
    total: UsageTotals


class WsMediaJobPayload(TypedDict):
    prompt: str
    n: int
    width: int
    height: int
    steps: int
    sampler_name: str
    cfg_scale: float
    ext: Literal['webp', 'png', 'jpg', 'mp4', 'wav', 'glb']
    seed: int
    seeds: list[WsMediaJobPayloadSeed]
    negative_prompt: NotRequired[str]
    source_image_url: NotRequired[str]
    source_processing: NotRequired[Literal['img2img', 'inpainting', 'outpainting']]
    source_mask_url: NotRequired[str]
    denoising_strength: NotRequired[float]
    loras: NotRequired[list[ImageLora]]
    control_type: NotRequired[HordeControlType]
    post_processing: NotRequired[list[HordePostProcessor]]
    recipe_inputs: NotRequired[dict[str, Any]]


class WsMediaJob(TypedDict):
    type: Literal['job']
    id: str
    job_type: Literal['image', 'video', 'audio', '3d']
    model: str
    payload: WsMediaJobPayload
    upload: list[WsUploadSlot]


WsMediaServerFrame: TypeAlias = WsReady | WsServerError | WsPing | WsMediaJob | WsCancel | WsAck


class HordeTextAsyncRequest(TypedDict):
    prompt: str
    params: NotRequired[HordeTextParams]
    models: NotRequired[list[HordeTextAsyncRequestModel]]
    workers: NotRequired[list[UUID]]
    worker_blacklist: NotRequired[bool]
    trusted_workers: NotRequired[bool]
    validated_backends: NotRequired[bool]
    slow_workers: NotRequired[bool]
    extra_slow_workers: NotRequired[bool]
    nsfw: NotRequired[bool]
    softprompt: NotRequired[str | None]
    dry_run: NotRequired[bool]
    disable_batching: NotRequired[bool]
    allow_downgrade: NotRequired[bool]
    proxied_account: NotRequired[str | None]
    webhook: NotRequired[str | None]
    style: NotRequired[str | None]
    extra_source_images: NotRequired[list[dict[str, Any]]]
    wallet_id: NotRequired[str | None]
    tags: NotRequired[list[str] | None]


class HordeAsyncResponse(TypedDict):
    id: UUID
    kudos: float
    message: NotRequired[str]
    warnings: NotRequired[list[HordeWarning]]


class HordeTextGeneration(TypedDict):
    text: str
    seed: int
    worker_id: UUID
    worker_name: str
    model: str
    state: HordeGenerationState
    gen_metadata: NotRequired[list[HordeGenMetadata]]
    id: NotRequired[UUID]
    signature: NotRequired[ResultSignature]
    routing: NotRequired[RoutingExplanation]


class HordeTextPopResponse(TypedDict):
    id: UUID | None
    ids: list[UUID]
    payload: NotRequired[HordeTextPopPayload | dict[str, Any]]
    model: NotRequired[str | None]
    softprompt: NotRequired[str | None]
    ttl: NotRequired[int | None]
    extra_source_images: NotRequired[list[dict[str, Any]]]
    skipped: HordeNoValidRequestFound
    messages: NotRequired[list[HordeMessage]]


class HordeImageParams(TypedDict):
    sampler_name: NotRequired[HordeSampler]
    cfg_scale: NotRequired[float]
    denoising_strength: NotRequired[float]
    hires_fix_denoising_strength: NotRequired[float]
    width: NotRequired[int]
    height: NotRequired[int]
    steps: NotRequired[int]
    n: NotRequired[int]
    seed: NotRequired[str | None]
    seed_variation: NotRequired[int]
    post_processing: NotRequired[list[HordePostProcessor]]
    karras: NotRequired[bool]
    tiling: NotRequired[bool]
    hires_fix: NotRequired[bool]
    clip_skip: NotRequired[int]
    facefixer_strength: NotRequired[float]
    control_type: NotRequired[HordeControlType]
    image_is_control: NotRequired[bool]
    return_control_map: NotRequired[bool]
    loras: NotRequired[list[HordeLora]]
    tis: NotRequired[list[HordeTextualInversion]]
    special: NotRequired[dict[str, Any]]
    workflow: NotRequired[Literal['qr_code'] | None]
    transparent: NotRequired[bool]
    extra_texts: NotRequired[list[HordeExtraText]]


class HordeImageStatus(HordeImageCheck):
    generations: list[HordeImageGeneration]
    shared: bool


class HordeImagePopResponse(TypedDict):
    id: UUID | None
    ids: list[UUID]
    payload: NotRequired[HordeImagePopPayload | dict[str, Any]]
    model: NotRequired[str | None]
    ttl: NotRequired[int | None]
    source_image: NotRequired[str | None]
    source_processing: NotRequired[HordeSourceProcessing]
    source_mask: NotRequired[str | None]
    media_type: NotRequired[HordeMediaType]
    extra_source_images: NotRequired[list[HordeExtraSourceImage]]
    r2_upload: NotRequired[str | None]
    r2_uploads: NotRequired[list[str]]
    skipped: HordeNoValidRequestFound
    messages: NotRequired[list[HordeMessage]]


HordeWorkerDetails = TypedDict(
    'HordeWorkerDetails',
    {
        'type': Literal['image', 'text', 'interrogation'],
        'name': str,
        'id': UUID,
        'online': NotRequired[bool],
        'requests_fulfilled': NotRequired[int],
        'kudos_rewards': NotRequired[float],
        'kudos_details': NotRequired[HordeWorkerDetailsKudosDetails],
        'performance': NotRequired[str],
        'threads': NotRequired[int],
        'uptime': NotRequired[int],
        'maintenance_mode': NotRequired[bool],
        'paused': NotRequired[bool],
        'info': NotRequired[str | None],
        'nsfw': NotRequired[bool],
        'owner': NotRequired[str | None],
        'trusted': NotRequired[bool],
        'flagged': NotRequired[bool],
        'uncompleted_jobs': NotRequired[int],
        'models': NotRequired[list[str]],
        'forms': NotRequired[list[str]],
        'team': NotRequired[HordeWorkerDetailsTeam],
        'bridge_agent': NotRequired[str],
        'wallet_address': NotRequired[str | None],
        'max_pixels': NotRequired[int],
        'megapixelsteps_generated': NotRequired[float],
        'img2img': NotRequired[bool],
        'painting': NotRequired[bool],
        'post-processing': NotRequired[bool],
        'lora': NotRequired[bool],
        'controlnet': NotRequired[bool],
        'sdxl_controlnet': NotRequired[bool],
        'max_length': NotRequired[int],
        'max_context_length': NotRequired[int],
        'tokens_generated': NotRequired[float],
        'messages': NotRequired[list[HordeMessage]],
        'region': NotRequired[str | None],
        'reputation': NotRequired[float],
        'verification': NotRequired[WorkerVerification | None],
    },
)


class HordeError(TypedDict):
    message: str
    rc: HordeRc


class ChatCompletionRequest(TypedDict):
    model: str
    messages: list[ChatMessage]
    temperature: NotRequired[float]
    top_p: NotRequired[float]
    max_tokens: NotRequired[int | None]
    max_completion_tokens: NotRequired[int | None]
    n: NotRequired[int]
    stream: NotRequired[bool]
    stop: NotRequired[str | ChatCompletionRequestStop | None]
    presence_penalty: NotRequired[float | None]
    frequency_penalty: NotRequired[float | None]
    seed: NotRequired[int | None]
    tools: NotRequired[list[ChatCompletionTool] | None]
    tool_choice: NotRequired[str | dict[str, Any] | None]
    response_format: NotRequired[ChatCompletionRequestResponseFormat | None]
    stream_options: NotRequired[ChatCompletionRequestStreamOptions | None]
    models: NotRequired[list[ChatCompletionRequestModel] | None]
    route: NotRequired[Literal['fallback'] | None]
    routing: NotRequired[RoutingPreferences | None]
    dry_run: NotRequired[bool]


class GridMetadata(TypedDict):
    worker: NotRequired[str]
    gen_time: NotRequired[float]
    ttft: NotRequired[float | None]
    tokens_per_s: NotRequired[float | None]
    seed: NotRequired[int]
    routing: NotRequired[RoutingExplanation]
    signature: NotRequired[ResultSignature]
    den: NotRequired[float]


class WorkerList(TypedDict):
    count: int
    workers: list[WorkerSummary]


class ImagesResponse(TypedDict):
    created: int
    data: list[Image]
    output_format: NotRequired[ImageOutputFormat]
    size: NotRequired[str]
    grid: NotRequired[ImageGridMetadata]


class JobDoneEvent(JobEventBase):
    type: Literal['done']
    final: NotRequired[bool]
    text: NotRequired[str]
    reasoning: NotRequired[str]
    finish_reason: NotRequired[str]
    usage: NotRequired[CompletionUsage]
    grid: NotRequired[GridMetadata]
    image: NotRequired[JobImageResult]


JobEvent: TypeAlias = JobQueuedEvent | JobRequeuedEvent | JobAssignedEvent | JobProgressEvent | JobTokenEvent | JobDoneEvent | JobFailedEvent | JobFaultedEvent | JobCancelledEvent


class WsJobPayload(TypedDict):
    request: ChatCompletionRequest
    api_format: Literal['openai-chat']
    prompt: str
    max_length: int
    temperature: float
    top_p: float


class WsJob(TypedDict):
    type: Literal['job']
    id: str
    model: str
    payload: WsJobPayload


WsServerFrame: TypeAlias = WsReady | WsServerError | WsPing | WsJob | WsCancel | WsAck


WsFrame: TypeAlias = WsRegister | WsWorkerFrame | WsServerFrame | WsMediaWorkerFrame | WsMediaServerFrame


class ClientWsChatRequest(TypedDict):
    type: Literal['chat.completions']
    id: ClientWsRequestId
    body: ChatCompletionRequest


class ClientWsJobSubmit(TypedDict):
    type: Literal['jobs.submit']
    id: ClientWsRequestId
    body: HordeTextAsyncRequest


ClientWsClientFrame: TypeAlias = ClientWsAuth | ClientWsChatRequest | ClientWsJobSubmit | ClientWsJobSubscribe | ClientWsCancel | ClientWsPing


class ClientWsEvent(TypedDict):
    type: Literal['event']
    id: ClientWsRequestId
    event: JobEvent


class HordeTextStatus(TypedDict):
    finished: int
    processing: int
    restarted: int
    waiting: int
    done: bool
    faulted: bool
    wait_time: int
    queue_position: int
    kudos: float
    is_possible: bool
    generations: list[HordeTextGeneration]
    progress: NotRequired[HordeProgress]


class HordeImageAsyncRequest(TypedDict):
    prompt: str
    params: NotRequired[HordeImageParams]
    models: NotRequired[list[HordeImageAsyncRequestModel]]
    nsfw: NotRequired[bool]
    censor_nsfw: NotRequired[bool]
    trusted_workers: NotRequired[bool]
    validated_backends: NotRequired[bool]
    slow_workers: NotRequired[bool]
    extra_slow_workers: NotRequired[bool]
    workers: NotRequired[list[UUID]]
    worker_blacklist: NotRequired[bool]
    source_image: NotRequired[str | None]
    source_processing: NotRequired[HordeSourceProcessing]
    source_mask: NotRequired[str | None]
    media_type: NotRequired[HordeMediaType]
    extra_source_images: NotRequired[list[HordeExtraSourceImage]]
    r2: NotRequired[bool]
    shared: NotRequired[bool]
    replacement_filter: NotRequired[bool]
    dry_run: NotRequired[bool]
    disable_batching: NotRequired[bool]
    allow_downgrade: NotRequired[bool]
    proxied_account: NotRequired[str | None]
    webhook: NotRequired[str | None]
    style: NotRequired[str | None]
    wallet_id: NotRequired[str | None]
    tags: NotRequired[list[str] | None]


class ChatCompletion(TypedDict):
    id: str
    object: Literal['chat.completion']
    created: int
    model: str
    choices: list[ChatCompletionChoice]
    usage: CompletionUsage
    grid: NotRequired[GridMetadata]


class ChatCompletionChunk(TypedDict):
    id: str
    object: Literal['chat.completion.chunk']
    created: int
    model: str
    choices: list[ChatCompletionChunkChoice]
    usage: NotRequired[CompletionUsage | None]
    grid: NotRequired[GridMetadata]


class ClientWsChunk(TypedDict):
    type: Literal['chunk']
    id: ClientWsRequestId
    chunk: ChatCompletionChunk


class ClientWsResponse(TypedDict):
    type: Literal['response']
    id: ClientWsRequestId
    result: ChatCompletion | HordeAsyncResponse


ClientWsServerFrame: TypeAlias = ClientWsReady | ClientWsChunk | ClientWsResponse | ClientWsEvent | ClientWsDone | ClientWsError | ClientWsPong


ClientWsFrame: TypeAlias = ClientWsClientFrame | ClientWsServerFrame

__all__ = [
    "ChatCompletionRequestStop",
    "ChatCompletionRequestResponseFormat",
    "ChatCompletionRequestStreamOptions",
    "ChatCompletionRequestModel",
    "ChatCompletionContentPartImageUrl",
    "ChatCompletionContentPart",
    "ChatCompletionToolFunction",
    "ChatCompletionTool",
    "ChatCompletionMessageToolCallFunction",
    "ChatCompletionMessageToolCall",
    "ChatCompletionMessage",
    "ChatCompletionDelta",
    "CompletionUsage",
    "ResultSignature",
    "RoutingPreferencesPreferItem",
    "RoutingPreferencesOnlyItem",
    "RoutingPreferencesIgnoreItem",
    "RoutingPreferences",
    "RoutingExplanationFallback",
    "RoutingExplanationRunnersUpItem",
    "RoutingScores",
    "StreamErrorChunkError",
    "StreamErrorChunk",
    "ModelPricing",
    "Health",
    "ValidationErrorItem",
    "RateLimitErrorBodyError",
    "RateLimitErrorBody",
    "ImageOutputFormat",
    "ImageLora",
    "ImageGridMetadata",
    "ImageProgress",
    "ChatQuote",
    "ImageQuote",
    "UsageRow",
    "UsageTotals",
    "JobEventType",
    "JobEventBase",
    "JobQueuedEvent",
    "JobRequeuedEvent",
    "Worker",
    "JobAssignedEvent",
    "JobProgressEvent",
    "JobTokenEvent",
    "JobImageResult",
    "JobFailedEvent",
    "JobFaultedEvent",
    "JobCancelledEvent",
    "JobEventStreamEvent",
    "FileUploadRequest",
    "FilePurpose",
    "FileObject",
    "FileDeleted",
    "FileList",
    "BatchEndpoint",
    "BatchStatus",
    "BatchCreateRequest",
    "BatchRequestCounts",
    "BatchError",
    "BatchErrors",
    "BatchUsageInputTokensDetails",
    "BatchUsageOutputTokensDetails",
    "BatchUsage",
    "Batch",
    "BatchList",
    "BatchRequestInput",
    "BatchRequestOutputResponse",
    "BatchRequestOutputError",
    "BatchRequestOutput",
    "BatchFileLine",
    "WsJobKind",
    "WsApiFormat",
    "WsModality",
    "WsRegister",
    "WsPong",
    "WsToken",
    "WsDone",
    "WsWorkerError",
    "WsWorkerFrame",
    "WsReady",
    "WsServerError",
    "WsPing",
    "WsCancel",
    "WsAck",
    "WsUploadSlot",
    "WsMediaJobPayloadSeed",
    "WsProgress",
    "WsMediaResult",
    "WsMediaDone",
    "WsMediaWorkerFrame",
    "WsCloseCode",
    "ClientWsLimits",
    "ClientWsAuth",
    "ClientWsRequestId",
    "ClientWsJobSubscribe",
    "ClientWsCancel",
    "ClientWsPing",
    "ClientWsReady",
    "ClientWsDone",
    "ClientWsErrorKind",
    "ClientWsErrorError",
    "ClientWsError",
    "ClientWsPong",
    "ClientWsCloseCode",
    "HordeTextAsyncRequestModel",
    "HordeTextParamsSamplerOrderItem",
    "HordeTextParams",
    "HordeWarning",
    "HordeDryRunResponse",
    "HordeProgress",
    "HordeGenerationState",
    "HordeGenMetadata",
    "HordeTextPopRequestModel",
    "HordeTextPopRequest",
    "HordeTextPopPayload",
    "HordeNoValidRequestFound",
    "HordeMessage",
    "HordeTextSubmitRequest",
    "HordeSubmitResponse",
    "HordeImageAsyncRequestModel",
    "HordeSampler",
    "HordePostProcessor",
    "HordeControlType",
    "HordeSourceProcessing",
    "HordeMediaType",
    "HordeLora",
    "HordeTextualInversion",
    "HordeExtraSourceImage",
    "HordeExtraText",
    "HordeImageCheck",
    "HordeImageGeneration",
    "HordeImagePopRequestModel",
    "HordeImagePopRequest",
    "HordeImagePopPayloadSeed",
    "HordeImagePopPayload",
    "HordeImageSubmitRequest",
    "HordeImageProgressRequest",
    "HordeHeartbeat",
    "HordePerformance",
    "HordeActiveModel",
    "HordeWorkerDetailsKudosDetails",
    "HordeWorkerDetailsTeam",
    "HordeUserDetailsKudosDetails",
    "HordeUserDetailsActiveGenerations",
    "HordeUserDetails",
    "HordeNewspiece",
    "HordeModes",
    "HordeTextStatsPeriod",
    "HordeTextStatsTotals",
    "HordeTextModelStats",
    "HordeRc",
    "HordeValidationError",
    "HordeRateLimitError",
    "HordeGone",
    "ChatCompletionStreamEvent",
    "WorkerVerificationBenchmark",
    "WorkerVerificationCanaries",
    "WorkerVerification",
    "HordeHttpError",
    "ChatMessage",
    "ChatCompletionChoice",
    "ChatCompletionChunkChoice",
    "RoutingExplanation",
    "Model",
    "ModelList",
    "ModelStatus",
    "WorkerSummary",
    "ErrorDetail",
    "ImageGenerationRequest",
    "Image",
    "UsageReport",
    "WsMediaJobPayload",
    "WsMediaJob",
    "WsMediaServerFrame",
    "HordeTextAsyncRequest",
    "HordeAsyncResponse",
    "HordeTextGeneration",
    "HordeTextPopResponse",
    "HordeImageParams",
    "HordeImageStatus",
    "HordeImagePopResponse",
    "HordeWorkerDetails",
    "HordeError",
    "ChatCompletionRequest",
    "GridMetadata",
    "WorkerList",
    "ImagesResponse",
    "JobDoneEvent",
    "JobEvent",
    "WsJobPayload",
    "WsJob",
    "WsServerFrame",
    "WsFrame",
    "ClientWsChatRequest",
    "ClientWsJobSubmit",
    "ClientWsClientFrame",
    "ClientWsEvent",
    "HordeTextStatus",
    "HordeImageAsyncRequest",
    "ChatCompletion",
    "ChatCompletionChunk",
    "ClientWsChunk",
    "ClientWsResponse",
    "ClientWsServerFrame",
    "ClientWsFrame",
]
