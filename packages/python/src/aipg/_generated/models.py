# generated — do not edit.
# Made by scripts/generate.mjs (datamodel-code-generator) from openapi/aipg.yaml; run `pnpm gen` after changing the spec.

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field
from typing_extensions import TypeAliasType

ChatCompletionRequestStop = TypeAliasType(
    "ChatCompletionRequestStop",
    Annotated[
        list[str],
        Field(
            description="Stop sequence(s), forwarded to the worker. At most 128, the Horde's own limit (`TooManyStopSequences`), so\nthat a job from either door fits one worker contract (a Horde job reaches a WebSocket worker as this\nrequest); more → 422. The live grid passes any number through unchecked; OpenAI itself allows 4.\n",
            max_length=128,
        ),
    ],
)


class ChatCompletionRequestResponseFormat(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[
        str | None,
        Field(
            description='`text` (the default), `json_object` (reply with valid JSON) or `json_schema` (JSON matching `json_schema`).',
            examples=['text', 'json_object', 'json_schema'],
        ),
    ] = None
    json_schema: Annotated[
        dict[str, Any] | None,
        Field(
            description='With `type: json_schema`: `{name, schema, strict?}`, the JSON Schema the reply must match.'
        ),
    ] = None


class ChatCompletionRequestStreamOptions(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    include_usage: Annotated[
        bool | None,
        Field(
            description='Ask for token counts in a final chunk (`choices: []`, `usage`) before `data: [DONE]`.'
        ),
    ] = None


class ChatCompletionContentPartImageUrl(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    url: Annotated[
        str, Field(description='An `https://` URL or a `data:image/…;base64,…` URI.')
    ]
    detail: Annotated[
        str | None,
        Field(
            description='Resolution hint for vision models: `low`, `high` or `auto`.'
        ),
    ] = None


class ChatCompletionContentPart(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[
        str,
        Field(
            description='What the part holds: `text` or `image_url` (others are forwarded verbatim).',
            examples=['text', 'image_url'],
        ),
    ]
    text: Annotated[str | None, Field(description='The text of a `text` part.')] = None
    image_url: Annotated[
        ChatCompletionContentPartImageUrl | None,
        Field(
            description='The image of an `image_url` part (for models whose `input_modalities` include `image`).'
        ),
    ] = None


class ChatCompletionToolFunction(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    name: Annotated[
        str,
        Field(
            description="The function's name, as the model will write it in a tool call."
        ),
    ]
    description: Annotated[
        str | None,
        Field(
            description='What the function does; the model reads it to decide when to call it.'
        ),
    ] = None
    parameters: Annotated[
        dict[str, Any] | None,
        Field(description="The function's arguments as a JSON Schema object."),
    ] = None


class ChatCompletionTool(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[
        str,
        Field(
            description='The tool kind; `function` is the one chat models call.',
            examples=['function'],
        ),
    ]
    function: Annotated[
        ChatCompletionToolFunction | None,
        Field(description='The function the model may call.'),
    ] = None


class ChatCompletionMessageToolCallFunction(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    name: Annotated[str | None, Field(description="The function's name.")] = None
    arguments: Annotated[
        str | None,
        Field(description='JSON text; in streamed deltas, a fragment to append.'),
    ] = None


class ChatCompletionMessageToolCall(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    index: Annotated[
        int | None,
        Field(
            description='Present in streamed deltas, where a call arrives in pieces.'
        ),
    ] = None
    id: Annotated[
        str | None,
        Field(
            description="The call's id; a `tool` message answering it repeats it as `tool_call_id`."
        ),
    ] = None
    type: Annotated[
        str | None,
        Field(description='The tool kind (`function`).', examples=['function']),
    ] = None
    function: Annotated[
        ChatCompletionMessageToolCallFunction | None,
        Field(description='The function called and its arguments.'),
    ] = None


class ChatCompletionMessage(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    role: Annotated[Literal['assistant'], Field(description='Always `assistant`.')]
    content: Annotated[
        str | None,
        Field(description="The reply's text; `null` when the turn only calls tools."),
    ]
    reasoning_content: Annotated[
        str | None, Field(description='Reasoning text from reasoning models.')
    ] = None
    tool_calls: Annotated[
        list[ChatCompletionMessageToolCall] | None,
        Field(
            description='The tools the model chose to call, when the request offered `tools`.'
        ),
    ] = None


class ChatCompletionDelta(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    role: Annotated[
        Literal['assistant'] | None, Field(description='Only on the first chunk.')
    ] = None
    content: Annotated[
        str | None, Field(description="The next piece of the reply's text.")
    ] = None
    reasoning_content: Annotated[
        str | None,
        Field(description='The next piece of the reasoning text (reasoning models).'),
    ] = None
    tool_calls: Annotated[
        list[ChatCompletionMessageToolCall] | None,
        Field(
            description='Pieces of tool calls, matched by `index`: the first carries `id` and `function.name`, later ones more `function.arguments`.'
        ),
    ] = None


class CompletionUsage(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    prompt_tokens: Annotated[
        int,
        Field(
            description='Tokens in the prompt (the messages as the model saw them).',
            ge=0,
        ),
    ]
    completion_tokens: Annotated[
        int, Field(description='Tokens generated, reasoning included.', ge=0)
    ]
    total_tokens: Annotated[
        int, Field(description='`prompt_tokens` + `completion_tokens`.', ge=0)
    ]


class ResultSignature(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    generation_id: Annotated[
        str,
        Field(
            description='The generation id the worker was given (WS `job.id`, Horde pop `id`): one attempt at the job.'
        ),
    ]
    sha256: Annotated[
        str,
        Field(
            description="Lowercase hex SHA-256 of the result text's UTF-8 bytes.",
            pattern='^[0-9a-f]{64}$',
        ),
    ]
    signed_at: Annotated[
        int,
        Field(
            description='When the worker signed, in Unix milliseconds (as it sent it in `signed_at`).',
            ge=0,
        ),
    ]
    worker: Annotated[
        str,
        Field(
            description='The name of the worker that signed (its registered name, as in `GridMetadata.worker`).'
        ),
    ]
    worker_sig: Annotated[
        str,
        Field(
            description='The 64-byte Ed25519 signature of the message, base64url without padding.',
            pattern='^[A-Za-z0-9_-]{86}$',
        ),
    ]
    public_key: Annotated[
        str,
        Field(
            description="The worker's registered 32-byte raw Ed25519 public key, base64url without padding.",
            pattern='^[A-Za-z0-9_-]{43}$',
        ),
    ]


class StreamErrorChunkError(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    message: Annotated[str, Field(description='The reason, in words.')]
    type: Annotated[
        Literal['invalid_request_error', 'upstream_error', 'service_unavailable'],
        Field(
            description='`invalid_request_error`: the request was bad; `upstream_error`: the worker or its backend failed;\n`service_unavailable`: the grid is shutting down (service restart).\n'
        ),
    ]


class StreamErrorChunk(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    error: Annotated[StreamErrorChunkError, Field(description='What went wrong.')]


class ModelPricing(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    currency: Annotated[str, Field(description='The currency of the prices (`USD`).')]
    input_per_mtok_usd: Annotated[
        float, Field(description='Price per million prompt tokens.')
    ]
    output_per_mtok_usd: Annotated[
        float, Field(description='Price per million completion tokens.')
    ]
    source: Annotated[str, Field(description='Where the price comes from.')]
    version: Annotated[str, Field(description='Version of the price list.')]


class Health(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    status: Annotated[
        Literal['ok', 'degraded'],
        Field(description='`degraded` when the server cannot reach its Redis.'),
    ]
    build_commit: Annotated[
        str | None,
        Field(description='The deployed commit, when known.', pattern='^[0-9a-f]{40}$'),
    ]
    redis: Annotated[bool, Field(description='Whether the server reaches its Redis.')]
    workers_connected: Annotated[
        int, Field(description='Workers connected right now.', ge=0)
    ]
    models_available: Annotated[
        list[str], Field(description='Models those workers serve.')
    ]


class ValidationErrorItem(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    loc: Annotated[
        list[str | int],
        Field(
            description='Where the problem is, e.g. `["body", "messages", 0, "role"]`.'
        ),
    ]
    msg: Annotated[str, Field(description='What is wrong, in words.')]
    type: Annotated[
        str,
        Field(
            description='The kind of problem (`missing`, `string_type`, `less_than_equal`, …).'
        ),
    ]
    input: Annotated[Any | None, Field(description='The value that failed.')] = None
    ctx: Annotated[
        dict[str, Any] | None,
        Field(description='Details of the failed constraint (e.g. `{"le": 2}`).'),
    ] = None


class RateLimitErrorBodyError(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    message: Annotated[
        str,
        Field(
            description='The reason, in words.',
            examples=['Rate limit exceeded. Please slow down.'],
        ),
    ]
    type: Annotated[
        Literal['rate_limit_error'], Field(description='Always `rate_limit_error`.')
    ]


class RateLimitErrorBody(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    error: Annotated[RateLimitErrorBodyError, Field(description='What went wrong.')]


WsJobKind = TypeAliasType(
    "WsJobKind",
    Annotated[
        Literal['text', 'image', 'video', 'audio', '3d'],
        Field(
            description='A kind of job a worker takes (the values of `job_types` and `worker_type`). Named `WsJobKind` rather than\n`WsJobType` so that it never clashes with the name generators give the `type` field of the `job` frame (`WsJob`).\n'
        ),
    ],
)


WsApiFormat = TypeAliasType(
    "WsApiFormat",
    Annotated[
        Literal['openai-chat', 'openai-responses', 'anthropic'],
        Field(
            description='Request formats a worker can serve. `openai-chat` jobs stream `token` frames; `anthropic` and `openai-responses`\njobs use raw passthrough frames (not described here).\n'
        ),
    ],
)


WsModality = TypeAliasType("WsModality", Literal['text', 'image', 'video'])


class WsRegister(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    apikey: Annotated[
        str,
        Field(
            description='A Grid key (`grid_…`) with the `worker.connect` and `inference.submit` scopes.',
            min_length=1,
        ),
    ]
    name: Annotated[
        str,
        Field(
            description='Worker name; owned by the first account that registers it.',
            min_length=1,
        ),
    ]
    models: Annotated[
        list[str],
        Field(
            description='The models the worker serves, by the names clients send as `model`.'
        ),
    ] = []
    max_length: Annotated[
        int, Field(description='Largest completion (tokens) the worker accepts.', ge=1)
    ] = 512
    max_context_length: Annotated[
        int,
        Field(
            description='Largest context (prompt plus completion, in tokens) the worker accepts.',
            ge=1,
        ),
    ] = 2048
    job_types: Annotated[
        list[WsJobKind],
        Field(description='The kinds of job the worker takes (`text` for chat).'),
    ] = ['text']
    worker_type: Annotated[
        WsJobKind,
        Field(
            deprecated=True,
            description='Legacy single job type, used when `job_types` is absent.',
        ),
    ] = 'text'
    bridge_agent: Annotated[
        str, Field(description='`name:version:url` of the worker software.')
    ] = 'grid-ws'
    api_formats: Annotated[
        list[WsApiFormat],
        Field(
            description='The request formats the worker can serve; chat jobs need `openai-chat`.'
        ),
    ] = ['openai-chat']
    modalities: Annotated[
        list[WsModality],
        Field(
            description="Input modalities the worker's models accept (vision models add `image`)."
        ),
    ] = ['text']
    worker_profile: Annotated[
        dict[str, Any] | None, Field(description='Optional hardware/profile report.')
    ] = None
    worker_identity: Annotated[
        dict[str, Any] | None,
        Field(description='Optional signed identity; a failed check closes with 4003.'),
    ] = None
    signer_address: Annotated[
        str | None,
        Field(description='Sent by grid-text-worker; the server ignores it.'),
    ] = None
    public_key: Annotated[
        str | None,
        Field(
            description="Mock grid: the worker's 32-byte raw Ed25519 public key, base64url without padding. The grid checks each\n`WsDone.worker_sig` with it and shows it with the result (`ResultSignature`). Registering again (a new\nconnection, a pop) with another key replaces it. The live server does not read it.\n",
            pattern='^[A-Za-z0-9_-]{43}$',
        ),
    ] = None


class WsPong(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[Literal['pong'], Field(description='Always `pong`.')]


class WsToken(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[Literal['token'], Field(description='Always `token`.')]
    id: Annotated[str, Field(description='The job id.')]
    delta: Annotated[
        ChatCompletionDelta | None,
        Field(
            description="Current form: the backend's OpenAI delta for this piece of output, relayed to the client as is."
        ),
    ] = None
    finish_reason: Annotated[
        str | None,
        Field(
            description='Set on the piece that ends the output (`stop`, `length`, `tool_calls`, …).'
        ),
    ] = None
    text: Annotated[
        str | None, Field(deprecated=True, description="Legacy form's text.")
    ] = None
    reasoning: Annotated[
        bool,
        Field(
            deprecated=True, description='Legacy form; `true` → `text` is reasoning.'
        ),
    ] = False
    logprobs: Annotated[
        dict[str, Any] | None,
        Field(
            description="Optional backend logprobs for the delta (read by the grid's validators, not relayed)."
        ),
    ] = None


class WsDone(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[Literal['done'], Field(description='Always `done`.')]
    id: Annotated[str, Field(description='The job id.')]
    full_text: Annotated[
        str,
        Field(
            description='The whole output text; read only when no tokens were streamed.'
        ),
    ]
    full_reasoning: Annotated[
        str | None,
        Field(
            description='The whole reasoning text, if any; read only when no tokens were streamed.'
        ),
    ] = None
    finish_reason: Annotated[
        str | None,
        Field(
            description='Why the output ended (`stop`, `length`, `tool_calls`, …); the grid passes it to the client.'
        ),
    ] = None
    usage: Annotated[
        CompletionUsage | None,
        Field(
            description="The backend's token counts, shown to the client (never used for billing)."
        ),
    ] = None
    cancelled: Annotated[
        bool,
        Field(
            description='`true` after a `WsCancel`: the output is partial, and an empty one is no strike.'
        ),
    ] = False
    worker_sig: Annotated[
        str | None,
        Field(
            description="The worker's Ed25519 signature of the result (`ResultSignature.worker_sig`: base64url, 86 characters) over\nthis `id`, the SHA-256 of the text the client receives, `signed_at` and the worker's name. `null` or absent:\nthe result is unsigned. The live server reads this field too but its workers do not send it (grid-text-worker\nsends a `receipt` instead), so live results are unsigned.\n"
        ),
    ] = None
    signed_at: Annotated[
        int | None,
        Field(
            description='When `worker_sig` was made, in Unix milliseconds; required with `worker_sig` (part of the signed message).',
            ge=0,
        ),
    ] = None


class WsWorkerError(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[Literal['error'], Field(description='Always `error`.')]
    id: Annotated[str, Field(description='The job id.')]
    message: Annotated[
        str,
        Field(
            description='What went wrong; the client sees it when `client_error` is true.'
        ),
    ]
    client_error: Annotated[
        bool,
        Field(
            description='`true` when the request itself was bad (e.g. the backend refused it as invalid), not the worker.'
        ),
    ] = False


WsWorkerFrame = TypeAliasType(
    "WsWorkerFrame",
    Annotated[
        WsPong | WsToken | WsDone | WsWorkerError,
        Field(
            description='Every worker → server frame after `WsRegister`, told apart by `type`.',
            discriminator='type',
        ),
    ],
)


class WsReady(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[Literal['ready'], Field(description='Always `ready`.')]
    worker_id: Annotated[
        str,
        Field(
            description='The id the grid gave this worker (it appears in `GET /v1/workers`).'
        ),
    ]


class WsServerError(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[Literal['error'], Field(description='Always `error`.')]
    message: Annotated[str, Field(description='Why the registration was refused.')]


class WsPing(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[Literal['ping'], Field(description='Always `ping`.')]


class WsCancel(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[Literal['cancel'], Field(description='Always `cancel`.')]
    id: Annotated[str, Field(description='The job to abort.')]


class WsAck(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[Literal['ack'], Field(description='Always `ack`.')]
    id: Annotated[str, Field(description='The settled job.')]
    den: Annotated[
        float,
        Field(
            description="The reward in den: the grid's own token count of the output, capped at the job's `max_length`.",
            ge=0.0,
        ),
    ]


WsCloseCode = TypeAliasType(
    "WsCloseCode",
    Annotated[
        Literal[4001, 4003, 1012],
        Field(
            description='WebSocket close codes the server uses:\n- **4001**: missing or invalid API key or worker name.\n- **4003**: the key lacks the `worker.connect`/`inference.submit` scope, a rig key used for another rig, a retired\n  model, an eviction cooldown (6 strikes in 300 s bar re-registration for 30 s → 2 min → 10 min → 1 h), a name\n  registered to another account, or an identity/profile failure.\n- **1012**: a newer connection registered the same worker name; the older socket is closed. Do not reconnect\n  under that name. With a close reason starting `service restart` instead, the grid is shutting down or\n  restarting (it closes every worker socket so, and refuses new ones the same way while it drains): reconnect\n  later, with back-off. A job in flight on the socket is not paid; the grid has cancelled or re-queued it.\n'
        ),
    ],
)


HordeTextAsyncRequestModel = TypeAliasType(
    "HordeTextAsyncRequestModel", Annotated[str, Field(min_length=1)]
)


HordeTextParamsSamplerOrderItem = TypeAliasType(
    "HordeTextParamsSamplerOrderItem", Annotated[int, Field(ge=0)]
)


class HordeTextParams(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    n: Annotated[
        int,
        Field(
            description='Generations wanted. AIPG batches atomically: a worker gets all `n` at once and only if it popped with\n`amount ≥ n`, so `n > 1` starves behind workers that pop with the default `amount: 1` unless `disable_batching`.\n',
            ge=1,
            le=20,
        ),
    ] = 1
    max_length: Annotated[
        int,
        Field(
            description='Tokens to generate (AIPG allows up to 2048; upstream AI Horde 1024).',
            ge=16,
            le=2048,
        ),
    ] = 80
    max_context_length: Annotated[
        int,
        Field(
            description='Largest context (prompt plus completion, in tokens) to use; must be at least `max_length`.',
            ge=80,
            le=1048576,
        ),
    ] = 2048
    temperature: Annotated[
        float | None,
        Field(
            description='Sampling temperature, 0–5: lower is more focused and repeatable, higher more varied.',
            ge=0.0,
            le=5.0,
        ),
    ] = None
    top_p: Annotated[
        float | None,
        Field(
            description='Nucleus sampling: only the most likely tokens whose probabilities add up to `top_p` are considered.',
            ge=0.001,
            le=1.0,
        ),
    ] = None
    top_k: Annotated[
        int | None,
        Field(
            description='Only the `top_k` most likely tokens are considered; 0 disables the limit.',
            ge=0,
            le=100,
        ),
    ] = None
    top_a: Annotated[
        float | None,
        Field(
            description='Drops tokens far less likely than the most likely one (the bar rises with its probability squared); 0 disables.',
            ge=0.0,
            le=1.0,
        ),
    ] = None
    tfs: Annotated[
        float | None,
        Field(
            description='Tail-free sampling: cuts the low-probability tail; 1 disables.',
            ge=0.0,
            le=1.0,
        ),
    ] = None
    typical: Annotated[
        float | None,
        Field(
            description='Typical sampling: keeps tokens close to the expected surprise; 1 disables.',
            ge=0.0,
            le=1.0,
        ),
    ] = None
    min_p: Annotated[
        float,
        Field(
            description="Drops tokens less likely than `min_p` × the most likely token's probability; 0 disables.",
            ge=0.0,
            le=1.0,
        ),
    ] = 0
    rep_pen: Annotated[
        float | None,
        Field(
            description='Repetition penalty, 1–3: above 1, tokens already in the context are made less likely.',
            ge=1.0,
            le=3.0,
        ),
    ] = None
    rep_pen_range: Annotated[
        int | None,
        Field(
            description='How many of the most recent context tokens the repetition penalty looks at.',
            ge=0,
            le=4096,
        ),
    ] = None
    rep_pen_slope: Annotated[
        float | None,
        Field(
            description='How the repetition penalty fades over `rep_pen_range` (0 = flat).',
            ge=0.0,
            le=10.0,
        ),
    ] = None
    smoothing_factor: Annotated[
        float,
        Field(
            description='Quadratic sampling: smooths the token distribution; 0 disables.',
            ge=0.0,
            le=10.0,
        ),
    ] = 0
    dynatemp_range: Annotated[
        float,
        Field(
            description="Dynamic temperature: the temperature varies by up to ± this much with the model's certainty; 0 disables.",
            ge=0.0,
            le=5.0,
        ),
    ] = 0
    dynatemp_exponent: Annotated[
        float,
        Field(
            description='Dynamic temperature: the exponent of the curve that maps certainty to temperature.',
            ge=0.0,
            le=5.0,
        ),
    ] = 1
    sampler_order: Annotated[
        list[HordeTextParamsSamplerOrderItem] | None,
        Field(
            description='If sent, it must name at least 7 distinct samplers (else 400 `MissingFullSamplerOrder`).',
            min_length=7,
        ),
    ] = None
    stop_sequence: Annotated[
        list[str] | None,
        Field(
            description='Stop strings (≤128, ≤2000 characters in total). The returned text **includes** the stop sequence.',
            max_length=128,
        ),
    ] = None
    use_default_badwordsids: Annotated[
        bool | None,
        Field(
            description='`true` → the backend bans its default "bad words" tokens (e.g. the end-of-sequence token).'
        ),
    ] = None
    singleline: Annotated[
        bool | None,
        Field(description='`true` → the output stops at the first line break.'),
    ] = None
    frmtadsnsp: Annotated[
        bool | None,
        Field(
            description='KoboldAI formatting: add a leading space to the input when it lacks one.'
        ),
    ] = None
    frmtrmblln: Annotated[
        bool | None,
        Field(description='KoboldAI formatting: remove blank lines from the output.'),
    ] = None
    frmtrmspch: Annotated[
        bool | None,
        Field(
            description='KoboldAI formatting: remove special characters from the output.'
        ),
    ] = None
    frmttriminc: Annotated[
        bool | None,
        Field(
            description='KoboldAI formatting: trim an incomplete last sentence from the output.'
        ),
    ] = None


class HordeWarning(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    code: Annotated[str, Field(description='A stable code for the warning.')]
    message: Annotated[str, Field(description='The warning, in words.')]


class HordeDryRunResponse(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    kudos: Annotated[float, Field(description='What the request would cost, in kudos.')]


class HordeProgress(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    progress_percent: Annotated[
        float | None,
        Field(
            description='Completion of the running generation, 0–100.', ge=0.0, le=100.0
        ),
    ] = None
    current_step: Annotated[
        int | None, Field(description='The step the worker reported last.')
    ] = None
    total_steps: Annotated[
        int | None, Field(description='The steps the generation takes in all.')
    ] = None
    progress_updated_at: Annotated[
        str | None,
        Field(
            description='When the worker last reported progress (ISO 8601), or `null`.'
        ),
    ] = None


HordeGenerationState = TypeAliasType("HordeGenerationState", Literal['ok', 'censored', 'faulted', 'csam'])


class HordeGenMetadata(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[
        Literal['lora', 'ti', 'censorship', 'source_image', 'source_mask', 'extra_source_images', 'batch_index', 'information'],
        Field(description='What the note is about.'),
    ]
    value: Annotated[
        Literal['download_failed', 'parse_failed', 'baseline_mismatch', 'csam', 'nsfw', 'see_ref'],
        Field(description='What happened to it.'),
    ]
    ref: Annotated[
        str | None,
        Field(
            description='What it refers to, when the value needs one (e.g. a LoRA name).'
        ),
    ] = None


HordeTextPopRequestModel = TypeAliasType(
    "HordeTextPopRequestModel", Annotated[str, Field(max_length=255, min_length=3)]
)


class HordeTextPopRequest(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    name: Annotated[
        str,
        Field(
            description='Worker name. Names containing `colab`, `tpu` or `google` → 400; a profane name → 400 `ProfaneWorkerName`; a name\nowned by another user → 403 `WrongCredentials`; the name of an image worker → 400 `PolymorphicNameConflict`.\n',
            min_length=1,
        ),
    ]
    models: Annotated[
        list[HordeTextPopRequestModel],
        Field(
            description="Models served (at most 200 are kept, `x-kept-items`). `model::alias#id` is a private model only that user may\nuse. AIPG stores them lower-cased. Required: the Horde's parser gives `models` no default and refuses a text\nworker without models (an omitted list is the empty list, 400), so a pop must name what it serves.\n",
            min_length=1,
        ),
    ]
    max_length: Annotated[
        int, Field(description='Largest `params.max_length` this worker accepts.', ge=1)
    ] = 512
    max_context_length: Annotated[
        int,
        Field(
            description='Largest `params.max_context_length` this worker accepts.', ge=1
        ),
    ] = 2048
    softprompts: Annotated[
        list[str],
        Field(description='Softprompts the worker can load (KoboldAI workers).'),
    ] = []
    priority_usernames: Annotated[
        list[str],
        Field(
            description='Users served first; each must be `alias#number` (else 400 `InvalidPriorityUsername`).'
        ),
    ] = []
    nsfw: Annotated[
        bool, Field(description='Whether the worker takes NSFW requests.')
    ] = True
    threads: Annotated[
        int, Field(description='Reported capacity only.', ge=1, le=50)
    ] = 1
    bridge_agent: Annotated[
        str,
        Field(
            description='`name:version:url`. Decides validated-backend status (unvalidated agents earn 30% rewards).',
            max_length=1000,
        ),
    ] = 'unknown:0:unknown'
    require_upfront_kudos: Annotated[
        bool,
        Field(
            description='`true` → only requests from users who have the kudos for them up front.'
        ),
    ] = False
    amount: Annotated[
        int,
        Field(
            description='Most generations the worker takes at once (AIPG only hands out requests with `params.n ≤ amount`).',
            ge=1,
            le=20,
        ),
    ] = 1
    extra_slow_worker: Annotated[
        bool,
        Field(
            description='`true` → the worker is very slow and gets only requests that allow `extra_slow_workers`.'
        ),
    ] = False
    wallet_address: Annotated[
        str | None,
        Field(description='AIPG. Stored only if it is a 42-character `0x…` address.'),
    ] = None
    public_key: Annotated[
        str | None,
        Field(
            description="Mock grid: the worker's 32-byte raw Ed25519 public key, base64url without padding; each pop may send it and the\nlatest one is kept. Submits are checked with it (`HordeTextSubmitRequest.worker_sig`). Not a Horde field.\n",
            pattern='^[A-Za-z0-9_-]{43}$',
        ),
    ] = None


class HordeTextPopPayload(HordeTextParams):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    prompt: Annotated[str, Field(description='The prompt to continue.')]


class HordeNoValidRequestFound(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    worker_id: Annotated[
        int | None,
        Field(
            description='Requests whose worker allow or deny list excluded this worker.',
            ge=0,
        ),
    ] = None
    performance: Annotated[
        int | None, Field(description='Requests that wanted a faster worker.', ge=0)
    ] = None
    nsfw: Annotated[
        int | None, Field(description='NSFW requests this worker does not take.', ge=0)
    ] = None
    blacklist: Annotated[
        int | None, Field(description='Requests with words this worker refuses.', ge=0)
    ] = None
    untrusted: Annotated[
        int | None,
        Field(description='Requests that wanted only trusted workers.', ge=0),
    ] = None
    models: Annotated[
        int | None,
        Field(description='Requests for models this worker does not serve.', ge=0),
    ] = None
    bridge_version: Annotated[
        int | None, Field(description='Requests that need a newer worker bridge.', ge=0)
    ] = None
    kudos: Annotated[
        int | None,
        Field(
            description='Requests from users without the kudos this worker asks for up front.',
            ge=0,
        ),
    ] = None
    max_context_length: Annotated[
        int | None,
        Field(
            description="Requests whose `max_context_length` is above this worker's.",
            ge=0,
        ),
    ] = None
    max_length: Annotated[
        int | None,
        Field(description="Requests whose `max_length` is above this worker's.", ge=0),
    ] = None
    matching_softprompt: Annotated[
        int | None,
        Field(description='Requests for a softprompt this worker does not have.', ge=0),
    ] = None
    batch_size: Annotated[
        int | None,
        Field(
            description="AIPG atomic batching (`params.n > amount`). Counted but stripped by the live server's marshalling.",
            ge=0,
        ),
    ] = None


class HordeMessage(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    id: Annotated[str | None, Field(description='The message id.')] = None
    message: Annotated[str | None, Field(description='The message text.')] = None
    origin: Annotated[str | None, Field(description='Who sent it.')] = None
    expiry: Annotated[str | None, Field(description='RFC 822 date.')] = None


class HordeTextSubmitRequest(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    id: Annotated[UUID, Field(description='The generation id from the pop.')]
    generation: Annotated[
        str,
        Field(
            description='The generated text; send `""` for a faulted generation (the field is required even then).'
        ),
    ]
    state: Annotated[
        HordeGenerationState,
        Field(
            description='`faulted` aborts the generation and re-queues it for another worker (reward 0, still 200). `censored` stores it\ncensored and the requester is not charged.\n'
        ),
    ] = 'ok'
    seed: Annotated[int, Field(description='The seed the worker used.')] = 0
    gen_metadata: Annotated[
        list[HordeGenMetadata] | None,
        Field(
            description='Notes about the generation (e.g. why it was censored), at most 50.',
            max_length=50,
        ),
    ] = None
    worker_sig: Annotated[
        str | None,
        Field(
            description="Mock grid: the worker's Ed25519 signature of `generation` (`ResultSignature`: over this `id`, the SHA-256 of\n`generation`, `signed_at` and the worker's name), with the key of its pops' `public_key`. A signature that\ndoes not verify is a strike, reward 0 (still 200) and the job is re-queued; a submit without one is paid only\nwhile the grid allows unsigned results (the default). Not a Horde field. A `faulted` submit needs none.\n"
        ),
    ] = None
    signed_at: Annotated[
        int | None,
        Field(
            description='When `worker_sig` was made, in Unix milliseconds; required with `worker_sig` (part of the signed message).',
            ge=0,
        ),
    ] = None


class HordeSubmitResponse(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    reward: Annotated[float, Field(description='Kudos (den) earned.')]


class HordeHeartbeat(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    message: Annotated[
        Literal['OK', 'DOWN', 'OVERLOADED'],
        Field(description='`OK`, or `DOWN` / `OVERLOADED` when the server is unwell.'),
    ]
    version: Annotated[
        str, Field(description='The Horde server version.', examples=['4.46.3'])
    ]
    queue: Annotated[
        int | None, Field(description="Requests waiting in the server's queue.")
    ] = None
    threads: Annotated[int | None, Field(description='Server threads.')] = None
    active_count: Annotated[
        int | None, Field(description='Server threads busy right now.')
    ] = None
    db_connection: Annotated[
        bool | None, Field(description='Whether the server reaches its database.')
    ] = None


class HordePerformance(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    queued_requests: Annotated[
        int | None, Field(description='Image requests waiting.')
    ] = None
    queued_text_requests: Annotated[
        int | None, Field(description='Text requests waiting.')
    ] = None
    worker_count: Annotated[int | None, Field(description='Image workers online.')] = (
        None
    )
    text_worker_count: Annotated[
        int | None, Field(description='Text workers online.')
    ] = None
    thread_count: Annotated[
        int | None, Field(description='Threads of the image workers online.')
    ] = None
    text_thread_count: Annotated[
        int | None, Field(description='Threads of the text workers online.')
    ] = None
    queued_megapixelsteps: Annotated[
        float | None, Field(description='Image work waiting, in megapixel-steps.')
    ] = None
    past_minute_megapixelsteps: Annotated[
        float | None,
        Field(description='Image work done in the past minute, in megapixel-steps.'),
    ] = None
    queued_forms: Annotated[
        float | None, Field(description='Interrogation (alchemy) forms waiting.')
    ] = None
    interrogator_count: Annotated[
        int | None, Field(description='Interrogation workers online.')
    ] = None
    interrogator_thread_count: Annotated[
        int | None, Field(description='Threads of the interrogation workers online.')
    ] = None
    queued_tokens: Annotated[
        float | None, Field(description='Text work waiting, in tokens.')
    ] = None
    past_minute_tokens: Annotated[
        float | None, Field(description='Tokens generated in the past minute.')
    ] = None


class HordeActiveModel(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    name: Annotated[str, Field(description='The model name.')]
    count: Annotated[int, Field(description='Workers serving it.', ge=0)]
    performance: Annotated[
        float | None,
        Field(
            description='Average speed of the workers serving it (tokens per second for text).'
        ),
    ] = None
    queued: Annotated[
        float | None, Field(description='Work waiting for it (tokens for text).')
    ] = None
    jobs: Annotated[float | None, Field(description='Requests waiting for it.')] = None
    eta: Annotated[
        int | None, Field(description='Estimated seconds to clear its queue.')
    ] = None
    type: Annotated[
        Literal['image', 'text'], Field(description='What the model generates.')
    ]


class HordeWorkerDetailsKudosDetails(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    generated: Annotated[float | None, Field(description='Kudos for generations.')] = (
        None
    )
    uptime: Annotated[float | None, Field(description='Kudos for staying online.')] = (
        None
    )


class HordeWorkerDetailsTeam(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    name: Annotated[str | None, Field(description="The team's name.")] = None
    id: Annotated[str | None, Field(description="The team's id.")] = None


class HordeWorkerDetails(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[
        Literal['image', 'text', 'interrogation'],
        Field(description='What the worker generates.'),
    ]
    name: Annotated[str, Field(description="The worker's name.")]
    id: Annotated[UUID, Field(description="The worker's id.")]
    online: Annotated[
        bool | None, Field(description='Checked in within the last 300 s.')
    ] = None
    requests_fulfilled: Annotated[
        int | None, Field(description='Generations it has delivered.')
    ] = None
    kudos_rewards: Annotated[
        float | None, Field(description='Kudos it has earned.')
    ] = None
    kudos_details: Annotated[
        HordeWorkerDetailsKudosDetails | None,
        Field(description='Its kudos, by where they came from.'),
    ] = None
    performance: Annotated[
        str | None,
        Field(
            description='Its average speed, in words (e.g. `12.3 tokens per second`).',
            examples=['12.3 tokens per second'],
        ),
    ] = None
    threads: Annotated[
        int | None, Field(description='How many jobs it runs at once.')
    ] = None
    uptime: Annotated[
        int | None, Field(description='Seconds it has been online in all.')
    ] = None
    maintenance_mode: Annotated[
        bool | None,
        Field(description='Whether it is in maintenance (it gets no jobs).'),
    ] = None
    paused: Annotated[
        bool | None,
        Field(description='Whether a moderator paused it (it gets no jobs).'),
    ] = None
    info: Annotated[
        str | None, Field(description="The owner's description of the worker.")
    ] = None
    nsfw: Annotated[
        bool | None, Field(description='Whether it takes NSFW requests.')
    ] = None
    owner: Annotated[
        str | None, Field(description='Shown to the owner and moderators.')
    ] = None
    trusted: Annotated[
        bool | None, Field(description='Whether its owner is trusted.')
    ] = None
    flagged: Annotated[
        bool | None, Field(description='Whether moderators flagged it.')
    ] = None
    uncompleted_jobs: Annotated[
        int | None, Field(description='Jobs it popped and never delivered.')
    ] = None
    models: Annotated[list[str] | None, Field(description='The models it serves.')] = (
        None
    )
    forms: Annotated[
        list[str] | None,
        Field(description='The interrogation forms it serves (interrogation workers).'),
    ] = None
    team: Annotated[
        HordeWorkerDetailsTeam | None, Field(description='The team it belongs to.')
    ] = None
    bridge_agent: Annotated[
        str | None, Field(description='The worker software, as `name:version:url`.')
    ] = None
    wallet_address: Annotated[str | None, Field(description='AIPG.')] = None
    max_pixels: Annotated[
        int | None,
        Field(description='Largest image it makes, in pixels (image workers).'),
    ] = None
    megapixelsteps_generated: Annotated[
        float | None, Field(description='Image work it has done, in megapixel-steps.')
    ] = None
    img2img: Annotated[
        bool | None,
        Field(description='Whether it does image-to-image (image workers).'),
    ] = None
    painting: Annotated[
        bool | None, Field(description='Whether it does inpainting (image workers).')
    ] = None
    post_processing: Annotated[
        bool | None,
        Field(
            alias='post-processing',
            description='Whether it does post-processing (image workers).',
        ),
    ] = None
    lora: Annotated[
        bool | None, Field(description='Whether it loads LoRAs (image workers).')
    ] = None
    controlnet: Annotated[
        bool | None, Field(description='Whether it does ControlNet (image workers).')
    ] = None
    sdxl_controlnet: Annotated[
        bool | None,
        Field(description='Whether it does SDXL ControlNet (image workers).'),
    ] = None
    max_length: Annotated[
        int | None, Field(description='Largest `max_length` it accepts (text workers).')
    ] = None
    max_context_length: Annotated[
        int | None,
        Field(description='Largest `max_context_length` it accepts (text workers).'),
    ] = None
    tokens_generated: Annotated[
        float | None, Field(description='Tokens it has generated (text workers).')
    ] = None
    messages: Annotated[
        list[HordeMessage] | None,
        Field(description='Moderator messages for it (shown to its owner).'),
    ] = None


class HordeUserDetailsKudosDetails(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    accumulated: Annotated[
        float | None,
        Field(description="Earned by the user's workers, less what was spent."),
    ] = None
    gifted: Annotated[float | None, Field(description='Given to other users.')] = None
    donated: Annotated[float | None, Field(description='Donated.')] = None
    admin: Annotated[float | None, Field(description='Granted by admins.')] = None
    received: Annotated[
        float | None, Field(description='Received from other users.')
    ] = None
    recurring: Annotated[
        float | None, Field(description='From recurring grants (e.g. patrons).')
    ] = None
    awarded: Annotated[
        float | None, Field(description='Awarded (e.g. for ratings).')
    ] = None
    styled: Annotated[
        float | None, Field(description="Earned when others used the user's styles.")
    ] = None


class HordeUserDetailsActiveGenerations(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    text: Annotated[
        list[str] | None, Field(description='Ids of text requests in progress.')
    ] = None
    image: Annotated[
        list[str] | None, Field(description='Ids of image requests in progress.')
    ] = None
    alchemy: Annotated[
        list[str] | None,
        Field(description='Ids of interrogation requests in progress.'),
    ] = None


class HordeUserDetails(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    username: Annotated[str, Field(description='`alias#id`.')]
    id: Annotated[int, Field(description="The user's numeric id (the part after `#`).")]
    kudos: Annotated[float, Field(description="The user's kudos balance.")]
    evaluating_kudos: Annotated[
        float | None,
        Field(
            description="Kudos held while the user's new workers are being evaluated."
        ),
    ] = None
    concurrency: Annotated[
        int | None,
        Field(description='How many requests the user may have waiting at once.'),
    ] = None
    worker_invited: Annotated[
        int | None, Field(description='How many workers the user was invited to run.')
    ] = None
    moderator: Annotated[
        bool | None, Field(description='Whether the user is a moderator.')
    ] = None
    kudos_details: Annotated[
        HordeUserDetailsKudosDetails | None,
        Field(description="The user's kudos, by where they came from."),
    ] = None
    worker_count: Annotated[
        int | None, Field(description='How many workers the user runs.')
    ] = None
    worker_ids: Annotated[
        list[str] | None, Field(description="The ids of the user's workers.")
    ] = None
    sharedkey_ids: Annotated[
        list[str] | None, Field(description="The ids of the user's shared keys.")
    ] = None
    active_generations: Annotated[
        HordeUserDetailsActiveGenerations | None,
        Field(description="The user's requests in progress, by kind."),
    ] = None
    monthly_kudos: Annotated[
        dict[str, Any] | None,
        Field(description="The user's monthly kudos grant (amount and last date)."),
    ] = None
    trusted: Annotated[
        bool | None, Field(description='Whether the user is trusted.')
    ] = None
    flagged: Annotated[
        bool | None, Field(description='Whether moderators flagged the user.')
    ] = None
    vpn: Annotated[
        bool | None, Field(description='Whether the user may connect through a VPN.')
    ] = None
    service: Annotated[
        bool | None,
        Field(
            description='Whether the account is a service account (may proxy for others).'
        ),
    ] = None
    education: Annotated[
        bool | None, Field(description='Whether the account is an education account.')
    ] = None
    customizer: Annotated[
        bool | None, Field(description='Whether the user may use custom models.')
    ] = None
    special: Annotated[
        bool | None, Field(description='Whether the account has special privileges.')
    ] = None
    suspicious: Annotated[
        int | None,
        Field(description='How suspicious the account looks to the server (0 = not).'),
    ] = None
    pseudonymous: Annotated[
        bool | None,
        Field(description='Whether the account has no linked login (only a key).'),
    ] = None
    contact: Annotated[
        str | None,
        Field(
            description="The user's contact details (shown to the user and moderators)."
        ),
    ] = None
    admin_comment: Annotated[
        str | None, Field(description="A moderator's note on the account.")
    ] = None
    account_age: Annotated[
        int | None, Field(description='Seconds since the account was created.')
    ] = None
    usage: Annotated[
        dict[str, Any] | None,
        Field(description="What the user's requests consumed, by kind."),
    ] = None
    contributions: Annotated[
        dict[str, Any] | None,
        Field(description="What the user's workers produced, by kind."),
    ] = None
    records: Annotated[
        dict[str, Any] | None,
        Field(description='Counts of requests and contributions, by kind.'),
    ] = None
    styles: Annotated[
        list[dict[str, Any]] | None, Field(description='The styles the user stored.')
    ] = None


HordeRc = TypeAliasType(
    "HordeRc",
    Annotated[
        Literal['BadRequest', 'MissingPrompt', 'CorruptPrompt', 'TokenOverflow', 'TooManyStopSequences', 'ExcessiveStopSequence', 'MissingFullSamplerOrder', 'InvalidPriorityUsername', 'PolymorphicNameConflict', 'ProfaneWorkerName', 'DuplicateGen', 'AbortedGen', 'NoValidWorkers', 'MaintenanceMode', 'KudosValidationError', 'KudosTransferToSelf', 'KudosTransferNotEnough', 'KudosTransferToAnon', 'KudosTransferFromAnon', 'NegativeKudosTransfer', 'TooFastKudosTransfers', 'TargetAccountFlagged', 'SourceAccountFlagged', 'FaultWhenKudosReceiving', 'FaultWhenKudosSending', 'EducationCannotSendKudos', 'UnsupportedModel', 'UnsupportedSampler', 'ControlNetMismatch', 'SourceMaskUnnecessary', 'ImageValidationFailed', 'VideoModeWithImageModel', 'InvalidExtraSourceImages.', 'TooManyExtraSourceImages', 'OnlyServiceAccountProxy', 'RequiresTrust', 'NoValidActions', 'InvalidSize', 'InvalidPromptSize', 'TooManySteps', 'Profanity', 'ProfaneBridgeAgent', 'ProfaneWorkerInfo', 'TooLong', 'TooLongWorkerName', 'NameAlreadyExists', 'WorkerNameAlreadyExists', 'BadClientAgent', 'InvalidAPIKey', 'WrongCredentials', 'KudosUpfront', 'SharedKeyEmpty', 'SharedKeyExpired', 'SharedKeyInsufficientKudos', 'AnonForbidden', 'AnonForbiddenWorker', 'NotTrusted', 'NotOwner', 'NotAdmin', 'WorkerMaintenance', 'WorkerFlaggedMaintenance', 'TimeoutIP', 'UnsafeIP', 'UntrustedUnsafeIP', 'TooManyNewIPs', 'TooManySameIPs', 'WorkerInviteOnly', 'NotModerator', 'NotPrivileged', 'Forbidden', 'RequestNotFound', 'InvalidJobID', 'WorkerNotFound', 'UserNotFound', 'ThingNotFound', 'RequestExpired', 'Locked', 'TooManyPrompts'],
        Field(
            description='Horde return codes. Status by code: 400 `BadRequest` and most validation codes; 401 `InvalidAPIKey`; 403\n`WrongCredentials`, `KudosUpfront`, `SharedKey*`, `AnonForbidden*`, `WorkerMaintenance`, `WorkerFlaggedMaintenance`,\n`TimeoutIP`, `UnsafeIP`, `TooManyNewIPs`, `TooManySameIPs`, `WorkerInviteOnly`, `NotModerator`, `NotPrivileged`,\n`Forbidden`, …; 404 `RequestNotFound`, `InvalidJobID`, `WorkerNotFound`, `UserNotFound`, `ThingNotFound`, …; 410\n`RequestExpired`; 423 `Locked`; 429 `TooManyPrompts`; 503 `MaintenanceMode` (the grid is shutting down). `InvalidExtraSourceImages.` really ends with a dot (on AIPG and on the AI Horde alike), so it is listed once, with\nthe dot. A client should treat an `rc` it does not know as a plain string: servers add codes over time.\n'
        ),
    ],
)


class HordeValidationError(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    message: Annotated[
        str,
        Field(
            description='The summary, `Input payload validation failed` (the flask-restx wording); `errors` has the detail.',
            examples=['Input payload validation failed'],
        ),
    ]
    errors: Annotated[dict[str, str], Field(description='Field path → reason.')]


class HordeRateLimitError(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    message: Annotated[
        str, Field(description='The limit that was hit (e.g. `2 per 1 second`).')
    ]


class HordeGone(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    status: Annotated[Literal['gone'], Field(description='Always `gone`.')]
    message: Annotated[str, Field(description='Where to go instead (the `/v1` API).')]


class ChatCompletionStreamEvent(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    data: Annotated[Literal['[DONE]'] | str, Field(description="The event's payload.")]
    event: Annotated[
        Literal['message'] | None,
        Field(
            description='Never sent, so a parser reports the default event type `message`.'
        ),
    ] = None


class HordeHttpError(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    message: Annotated[str, Field(description='The reason, in words.')]


class ChatMessage(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    role: Annotated[
        Literal['system', 'user', 'assistant', 'tool', 'developer'],
        Field(
            description="Who speaks: `system` / `developer` (instructions), `user`, `assistant` (an earlier reply) or `tool` (a tool's\nresult, with `tool_call_id`).\n"
        ),
    ]
    content: Annotated[
        str | list[ChatCompletionContentPart] | None,
        Field(
            description='A string, a list of content parts (multimodal), or `null` (an assistant turn that only calls tools).'
        ),
    ] = None
    name: Annotated[
        str | None,
        Field(
            description='An optional name for the speaker, to tell apart participants with the same role.'
        ),
    ] = None
    tool_calls: Annotated[
        list[ChatCompletionMessageToolCall] | None,
        Field(
            description='On an assistant message, the tool calls that turn made (as the completion returned them).'
        ),
    ] = None
    tool_call_id: Annotated[
        str | None,
        Field(
            description='On a `tool` message: the `id` of the tool call this message answers.'
        ),
    ] = None
    reasoning_content: Annotated[
        str | None,
        Field(description='Reasoning text (assistant messages from reasoning models).'),
    ] = None


class ChatCompletionChoice(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    index: Annotated[int, Field(description="The choice's position, 0 to `n` − 1.")]
    message: Annotated[
        ChatCompletionMessage, Field(description="The assistant's reply.")
    ]
    finish_reason: Annotated[
        str,
        Field(
            description='Passed through from the worker (`stop`, `length`, `tool_calls`, …).',
            examples=['stop'],
        ),
    ]
    logprobs: Annotated[
        None,
        Field(
            description="Always `null`: the grid does not relay token log probabilities. OpenAI's field, sent so that OpenAI clients\nfind it where they look.\n"
        ),
    ] = None


class ChatCompletionChunkChoice(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    index: Annotated[int, Field(description='Which choice this extends, 0 to `n` − 1.')]
    delta: Annotated[
        ChatCompletionDelta,
        Field(
            description='The new pieces of the message; text fields are appended to what came before.'
        ),
    ]
    finish_reason: Annotated[
        str | None, Field(description='`null` until the chunk that ends the choice.')
    ] = None
    logprobs: Annotated[
        None,
        Field(
            description="Always `null`: the grid does not relay token log probabilities. OpenAI's field, sent so that OpenAI clients\nfind it where they look.\n"
        ),
    ] = None


class GridMetadata(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    worker: Annotated[
        str | None, Field(description='Name of the worker that served the job.')
    ] = None
    gen_time: Annotated[
        float | None, Field(description='Generation time in seconds.', ge=0.0)
    ] = None
    ttft: Annotated[
        float | None, Field(description='Time to first token in seconds.', ge=0.0)
    ] = None
    tokens_per_s: Annotated[
        float | None,
        Field(
            description='Decode speed in tokens per second, as the worker measured it.',
            ge=0.0,
        ),
    ] = None
    seed: Annotated[
        int | None,
        Field(description='The seed used (client-supplied, or minted by the grid).'),
    ] = None
    routing: Annotated[
        dict[str, Any] | None,
        Field(
            description='Only when a virtual `auto*` model was requested; how the router chose the concrete model and worker.'
        ),
    ] = None
    signature: Annotated[
        ResultSignature | None,
        Field(
            description="The worker's signature of the result, when it signed one (mock grid; the live grid does not expose it).\nWith `n > 1` it is the signature of the choice this metadata describes (the last one to finish); the\nHorde status has one per generation.\n"
        ),
    ] = None


class Model(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    id: Annotated[
        str,
        Field(
            description='The model id to send as `model`.',
            examples=['llama-3.1-8b-instruct'],
        ),
    ]
    object: Annotated[Literal['model'], Field(description='Always `model`.')]
    created: Annotated[int, Field(description='Always 0.')]
    owned_by: Annotated[str, Field(description='Always `aipowergrid`.')]
    input_modalities: Annotated[
        list[Literal['text', 'image', 'video']],
        Field(
            description='Input modalities the model accepts; chat UIs use it to enable image upload.'
        ),
    ] = ['text']
    pricing: Annotated[
        ModelPricing | None,
        Field(
            description='What a million tokens cost, when the grid publishes a price for the model.'
        ),
    ] = None


class ModelList(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    object: Annotated[Literal['list'], Field(description='Always `list`.')]
    data: Annotated[
        list[Model], Field(description='The models, `auto` first when present.')
    ]


class ModelStatus(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    name: Annotated[str, Field(description='The model id.')]
    count: Annotated[
        int, Field(description='Workers currently serving the model.', ge=0)
    ]
    type: Annotated[
        WsJobKind, Field(description='What the model generates (`text`, `image`, …).')
    ]
    max_context_length: Annotated[
        int | None,
        Field(
            description='The largest `max_context_length` among the workers serving it.'
        ),
    ]
    samples: Annotated[
        int,
        Field(
            description='Completed jobs in the last 24 h the averages are computed from.',
            ge=0,
        ),
    ]
    tokens_per_s: Annotated[
        float | None,
        Field(
            description='Decode throughput (output tokens per second after the first token).'
        ),
    ]
    avg_ttft_s: Annotated[
        float | None, Field(description='Average time to first token, in seconds.')
    ]
    avg_latency_s: Annotated[
        float | None,
        Field(description='Average time from request to finished reply, in seconds.'),
    ]
    capabilities: Annotated[
        dict[str, Any] | None,
        Field(
            description='What a recipe-backed virtual model supports; its keys vary by model.'
        ),
    ] = None


class WorkerSummary(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    id: Annotated[
        str,
        Field(
            description="The worker's id, assigned at registration (`WsReady.worker_id`)."
        ),
    ]
    name: Annotated[str, Field(description="The worker's name, as it registered.")]
    models: Annotated[list[str], Field(description='The models it serves.')]
    job_types: Annotated[
        list[WsJobKind], Field(description='The kinds of job it takes.')
    ]
    online: Annotated[
        Literal[True], Field(description='The registry holds only connected workers.')
    ]


class ErrorDetail(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    detail: Annotated[
        str | list[ValidationErrorItem],
        Field(
            description='The error message, or the list of validation problems (422).'
        ),
    ]


class HordeTextAsyncRequest(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    prompt: Annotated[
        str, Field(description='The prompt. An empty string → 400 `MissingPrompt`.')
    ]
    params: Annotated[
        HordeTextParams | None,
        Field(
            description="Sampling parameters (KoboldAI names); the server's defaults apply to what is left out."
        ),
    ] = None
    models: Annotated[
        list[HordeTextAsyncRequestModel],
        Field(
            description="Acceptable models; empty = any worker. AIPG stores them lower-cased (so the pop response's `model` comes back\nlower-cased); the live server then matches them against the worker's raw names, so mixed-case text model names\nnever match there. Intended: case-insensitive matching. An empty name matches no worker and is refused (400).\n"
        ),
    ] = []
    workers: Annotated[
        list[UUID],
        Field(
            description='Worker ids to allow (or to exclude, with `worker_blacklist`). Only the first 5 are kept (`x-kept-items`); an\nunknown id → 404 `WorkerNotFound`.\n'
        ),
    ] = []
    worker_blacklist: Annotated[
        bool, Field(description='`true` → `workers` is a deny list.')
    ] = False
    trusted_workers: Annotated[
        bool, Field(description='`true` → only trusted workers.')
    ] = False
    validated_backends: Annotated[
        bool,
        Field(
            description="`true` → only workers whose bridge agent is a validated backend (`AI Horde Worker`, `AI Horde Worker~aphrodite~oai`,\n`AI Horde Worker~aphrodite~kai`, `KoboldCppEmbedWorker`, `TabbyAPI`). The server's parser defaults it to\n`false`; its swagger model documents `true`.\n"
        ),
    ] = False
    slow_workers: Annotated[
        bool,
        Field(
            description='`false` → only fast workers, and kudos are always required upfront.'
        ),
    ] = True
    extra_slow_workers: Annotated[
        bool,
        Field(
            description='`true` → also very slow workers, which are otherwise skipped.'
        ),
    ] = False
    nsfw: Annotated[
        bool,
        Field(
            description='A NSFW request goes only to workers with `nsfw: true`. The parser defaults to `true`; the swagger model says `false`.'
        ),
    ] = True
    softprompt: Annotated[
        str | None,
        Field(
            description='A softprompt the worker must have loaded (KoboldAI workers only).'
        ),
    ] = None
    dry_run: Annotated[
        bool,
        Field(
            description='`true` → only compute the kudos cost: 200 `HordeDryRunResponse`, nothing is queued.'
        ),
    ] = False
    disable_batching: Annotated[
        bool,
        Field(
            description='With `params.n > 1` it requires a trusted/patron account (400 `RequiresTrust`).'
        ),
    ] = False
    allow_downgrade: Annotated[
        bool,
        Field(
            description='Lower `max_length` instead of failing with 403 `KudosUpfront` when the user lacks kudos.'
        ),
    ] = False
    proxied_account: Annotated[
        str | None,
        Field(
            description='Service accounts only (else 400 `OnlyServiceAccountProxy`).'
        ),
    ] = None
    webhook: Annotated[
        str | None,
        Field(
            description='Each finished generation is POSTed here (3 tries, 3 s timeout). Must be `https://`.',
            max_length=2048,
            pattern='^https://',
        ),
    ] = None
    style: Annotated[
        str | None,
        Field(description='A stored style to apply to the request.', max_length=2048),
    ] = None
    extra_source_images: Annotated[
        list[dict[str, Any]] | None,
        Field(
            description='Not supported for text; any value → 400 `InvalidExtraSourceImages.`.'
        ),
    ] = None
    wallet_id: Annotated[
        str | None,
        Field(
            description="AIPG. The requester's EVM wallet for gallery tracking.",
            max_length=42,
        ),
    ] = None
    tags: Annotated[
        list[str] | None,
        Field(description='AIPG. Free-form tags stored with the request.'),
    ] = None


class HordeAsyncResponse(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    id: Annotated[UUID, Field(description='The request id to poll.')]
    kudos: Annotated[float, Field(description='Expected kudos cost.')]
    message: Annotated[
        str | None,
        Field(
            description='Set when no active worker can serve the request ("Warning: No available workers can fulfill this request. It\nwill expire in 20 minutes…"). The request still waits; on AIPG it expires after 24 h, the text is stale.\n'
        ),
    ] = None
    warnings: Annotated[
        list[HordeWarning] | None,
        Field(
            description='Things about the request the server wants the client to know (it was still queued).'
        ),
    ] = None


class HordeTextGeneration(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    text: Annotated[
        str,
        Field(
            description='The generated text (including the stop sequence that ended it, if any).'
        ),
    ]
    seed: Annotated[
        int, Field(description='An integer for text (image generations use a string).')
    ]
    worker_id: Annotated[
        UUID, Field(description='The id of the worker that generated it.')
    ]
    worker_name: Annotated[
        str, Field(description='The name of the worker that generated it.')
    ]
    model: Annotated[str, Field(description='The model that generated it.')]
    state: Annotated[
        HordeGenerationState,
        Field(
            description='The submitted state. The live server always reports `ok` here (a marshalling default).'
        ),
    ]
    gen_metadata: Annotated[
        list[HordeGenMetadata] | None,
        Field(description='Notes the worker attached (e.g. why it was censored).'),
    ] = None
    id: Annotated[
        UUID | None,
        Field(
            description="The generation id. Computed but stripped by the live server's marshalling."
        ),
    ] = None
    signature: Annotated[
        ResultSignature | None,
        Field(
            description='Mock grid, when the worker signed the result: its signature and public key, to check `text` offline.'
        ),
    ] = None


class HordeTextPopResponse(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    id: Annotated[
        UUID | None,
        Field(description='The generation id, or `null` when there is no job.'),
    ]
    ids: Annotated[
        list[UUID],
        Field(
            description='Every generation id of the job (more than one when batched); empty when there is no job.'
        ),
    ]
    payload: Annotated[
        HordeTextPopPayload | dict[str, Any] | None,
        Field(
            description='The job, or an empty object `{}` when there is no job (the Horde marshals a missing nested model as `{}`;\nclients such as horde-sdk require an object here).\n'
        ),
    ] = None
    model: Annotated[
        str | None, Field(description='The model to use (AIPG returns it lower-cased).')
    ] = None
    softprompt: Annotated[
        str | None,
        Field(description='The softprompt to load, if the request asked for one.'),
    ] = None
    ttl: Annotated[
        int | None,
        Field(
            description='Seconds before the job counts as stale (AIPG text 86400, upstream 150).'
        ),
    ] = None
    extra_source_images: Annotated[
        list[dict[str, Any]] | None, Field(description='Always empty for text.')
    ] = None
    skipped: Annotated[
        HordeNoValidRequestFound,
        Field(
            description='When there is no job: how many queued requests were passed over, per reason.'
        ),
    ]
    messages: Annotated[
        list[HordeMessage] | None,
        Field(description='Moderator messages for this worker.'),
    ] = None


class HordeError(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    message: Annotated[str, Field(description='The error, in words.')]
    rc: Annotated[
        HordeRc,
        Field(description='The return code: which error this is (see `HordeRc`).'),
    ]


class ChatCompletionRequest(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    model: Annotated[
        str,
        Field(
            description='A model id from `GET /v1/models`. `auto` (and other `auto*` virtual models) is routed to a concrete online\nmodel; the choice is reported in `grid.routing`. A concrete name is never substituted: an offline model is a 404.\n',
            examples=['auto'],
            min_length=1,
        ),
    ]
    messages: Annotated[
        list[ChatMessage],
        Field(
            description='The conversation. More than 500 messages → 413 `{"detail":"too many messages (max 500)"}`. More than 200 000\ncharacters of message text in total (`x-max-text-chars`) → 413 `{"detail":"messages too large: N characters\n(max 200000)"}`; a message\'s text is its `content` string, or the `text` of its content parts run together\nas they are. At least one message is intended; the live server accepts an empty list and forwards it.\n',
            max_length=500,
            min_length=1,
        ),
    ]
    temperature: Annotated[
        float,
        Field(
            description='Sampling temperature, 0–2. Lower values make the reply more focused and repeatable, higher values more varied;\n0 picks the most likely token every time. The grid uses 0.7 when it is omitted. Usually tune this or `top_p`,\nnot both.\n',
            ge=0.0,
            le=2.0,
        ),
    ] = 0.7
    top_p: Annotated[
        float,
        Field(
            description='Nucleus sampling, 0–1: only the most likely tokens whose probabilities add up to `top_p` are considered, so 0.1\nkeeps the top 10 % of the probability mass. The grid uses 0.9 when it is omitted.\n',
            ge=0.0,
            le=1.0,
        ),
    ] = 0.9
    max_tokens: Annotated[
        int | None,
        Field(
            description='Completion cap. Omitted or `null` means 32768 (the grid always sends some cap to the worker).',
            ge=1,
            le=32768,
        ),
    ] = 32768
    max_completion_tokens: Annotated[
        int | None,
        Field(
            description='Alias of `max_tokens` (the current OpenAI name). If both are sent they must be equal.',
            ge=1,
            le=32768,
        ),
    ] = None
    n: Annotated[
        int,
        Field(
            description='How many alternative replies (choices) to generate, 1–4. Each choice is its own worker job.',
            ge=1,
            le=4,
        ),
    ] = 1
    stream: Annotated[
        bool,
        Field(
            description='`true` → the response is `text/event-stream` of `ChatCompletionChunk`s ending with `data: [DONE]` (one event:\n`ChatCompletionStreamEvent`).\n'
        ),
    ] = False
    stop: Annotated[
        str | ChatCompletionRequestStop | None,
        Field(
            description="Stop sequence(s), forwarded to the worker. At most 128, the Horde's own limit (`TooManyStopSequences`), so\nthat a job from either door fits one worker contract (a Horde job reaches a WebSocket worker as this\nrequest); more → 422. The live grid passes any number through unchecked; OpenAI itself allows 4.\n"
        ),
    ] = None
    presence_penalty: Annotated[
        float | None,
        Field(
            description="−2 to 2. Positive values penalise tokens that already appeared at all, nudging the model towards new topics.\nForwarded to the worker's backend.\n",
            ge=-2.0,
            le=2.0,
        ),
    ] = None
    frequency_penalty: Annotated[
        float | None,
        Field(
            description="−2 to 2. Positive values penalise tokens in proportion to how often they already appeared, reducing verbatim\nrepetition. Forwarded to the worker's backend.\n",
            ge=-2.0,
            le=2.0,
        ),
    ] = None
    seed: Annotated[
        int | None,
        Field(
            description="Sampling seed. When absent the grid mints one (0 ≤ seed < 2^53) so output varies per request, and echoes the\nseed used in `grid.seed`. Bounded by ±(2^53 − 1), the integers every JSON client (JavaScript's included)\nholds exactly; a seed outside is a 422 like any other schema error, naming the value exactly as it was sent.\n",
            ge=-9007199254740991,
            le=9007199254740991,
        ),
    ] = None
    tools: Annotated[
        list[ChatCompletionTool] | None,
        Field(description='OpenAI tool definitions, forwarded verbatim.'),
    ] = None
    tool_choice: Annotated[
        str | dict[str, Any] | None,
        Field(
            description='`none`, `auto`, `required`, or `{"type":"function","function":{"name":…}}`; forwarded verbatim.'
        ),
    ] = None
    response_format: Annotated[
        ChatCompletionRequestResponseFormat | None,
        Field(
            description='e.g. `{"type":"json_object"}` or `{"type":"json_schema","json_schema":{…}}`; forwarded verbatim.'
        ),
    ] = None
    stream_options: Annotated[
        ChatCompletionRequestStreamOptions | None,
        Field(
            description="Forwarded verbatim. The grid's final chunk may carry `usage` whether or not `include_usage` is set."
        ),
    ] = None


class ChatCompletion(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    id: Annotated[
        str,
        Field(
            description="The completion's id (`chatcmpl-…`).",
            examples=['chatcmpl-3f1c2a9b8e7d4c6a'],
        ),
    ]
    object: Annotated[
        Literal['chat.completion'], Field(description='Always `chat.completion`.')
    ]
    created: Annotated[
        int, Field(description='When the completion was created, in Unix seconds.')
    ]
    model: Annotated[
        str,
        Field(description='The concrete model that served the request (never `auto`).'),
    ]
    choices: Annotated[
        list[ChatCompletionChoice],
        Field(description='The replies, one per requested `n`, in `index` order.'),
    ]
    usage: Annotated[
        CompletionUsage, Field(description='Token counts of the request and the reply.')
    ]
    grid: Annotated[
        GridMetadata | None,
        Field(
            description='Which worker served the request, how fast, with which seed (and, for `auto`, how it was routed).'
        ),
    ] = None


class ChatCompletionChunk(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    id: Annotated[str, Field(description='The same for every chunk of one completion.')]
    object: Annotated[
        Literal['chat.completion.chunk'],
        Field(description='Always `chat.completion.chunk`.'),
    ]
    created: Annotated[
        int, Field(description='When the chunk was sent, in Unix seconds.')
    ]
    model: Annotated[
        str,
        Field(description='The concrete model that serves the request (never `auto`).'),
    ]
    choices: Annotated[
        list[ChatCompletionChunkChoice],
        Field(
            description='The choices this chunk extends; empty (`[]`) in the final usage chunk.'
        ),
    ]
    usage: Annotated[
        CompletionUsage | None,
        Field(
            description="Token counts, on the final chunk only. Intended: the same counts as a non-streamed reply. The live grid relays\nthe worker's own report here unchanged, so it sends `{}` when the worker reported none.\n"
        ),
    ] = None
    grid: Annotated[
        GridMetadata | None,
        Field(
            description='Provenance (worker, timings, seed), on the final chunk only.'
        ),
    ] = None


class WorkerList(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    count: Annotated[
        int,
        Field(
            description='How many workers are connected (the length of `workers`).',
            ge=0,
        ),
    ]
    workers: Annotated[list[WorkerSummary], Field(description='The connected workers.')]


class WsJobPayload(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    request: Annotated[
        ChatCompletionRequest,
        Field(
            description="The client's chat request with credentials scrubbed from `messages`, `seed` and `max_tokens` always set, and\nevery extra field kept. The worker replaces `model` with its backend's name and forces streaming. A Horde\nrequest is carried as one user message; its `temperature` (0–5 there) is capped at this schema's 2 here,\nwhile the legacy `temperature` below keeps the Horde value.\n"
        ),
    ]
    api_format: Annotated[
        Literal['openai-chat'],
        Field(description='Always `openai-chat` for a chat job.'),
    ]
    prompt: Annotated[
        str,
        Field(
            description="The messages flattened for legacy workers: system/developer text on its own line, then `User: …`,\n`Assistant: …`, `Tool: …` lines, ending with `Assistant:`. A message's text is its `content` string, or the\n`text` of its content parts run together as they are.\n"
        ),
    ]
    max_length: Annotated[
        int,
        Field(description='Completion cap in tokens (= `request.max_tokens`).', ge=1),
    ]
    temperature: Annotated[
        float,
        Field(
            description="The request's `temperature` (0.7 when the client sent none), for legacy workers."
        ),
    ]
    top_p: Annotated[
        float,
        Field(
            description="The request's `top_p` (0.9 when the client sent none), for legacy workers."
        ),
    ]


class WsJob(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[Literal['job'], Field(description='Always `job`.')]
    id: Annotated[
        str, Field(description='The job id; every frame about this job carries it.')
    ]
    model: Annotated[
        str, Field(description='The model to run, one the worker registered.')
    ]
    payload: Annotated[WsJobPayload, Field(description='What to generate.')]


WsServerFrame = TypeAliasType(
    "WsServerFrame",
    Annotated[
        WsReady | WsServerError | WsPing | WsJob | WsCancel | WsAck,
        Field(
            description='Every server → worker frame, told apart by `type`.',
            discriminator='type',
        ),
    ],
)


WsFrame = TypeAliasType(
    "WsFrame",
    Annotated[
        WsRegister | WsWorkerFrame | WsServerFrame,
        Field(
            description="Any JSON text message of a worker WebSocket session, either direction: the worker's `WsRegister` first, then\n`WsWorkerFrame`s one way and `WsServerFrame`s the other. The `connectWorker` operation's `101` response names\nthis schema so that code generators which keep only referenced schemas still emit every frame.\n"
        ),
    ],
)


class HordeTextStatus(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    finished: Annotated[int, Field(description='Generations completed.', ge=0)]
    processing: Annotated[int, Field(description='Generations in flight.', ge=0)]
    restarted: Annotated[
        int, Field(description='Generations that faulted and were re-queued.', ge=0)
    ]
    waiting: Annotated[
        int, Field(description='Generations not yet given to a worker.', ge=0)
    ]
    done: Annotated[
        bool,
        Field(
            description='Faulted, or nothing left waiting and every generation finished.'
        ),
    ]
    faulted: Annotated[bool, Field(description='True after 3 faulted generations.')]
    wait_time: Annotated[int, Field(description='Estimated seconds until done.', ge=0)]
    queue_position: Annotated[
        int, Field(description='1-based position in the queue.', ge=0)
    ]
    kudos: Annotated[float, Field(description='Kudos consumed so far.')]
    is_possible: Annotated[
        bool, Field(description='Some active worker could serve it.')
    ]
    generations: Annotated[
        list[HordeTextGeneration], Field(description='The finished generations so far.')
    ]
    progress: Annotated[
        HordeProgress | None,
        Field(
            description='AIPG: how far the running generation is (not sent by the live server, see `HordeProgress`).'
        ),
    ] = None

__all__ = [
    "ChatCompletionRequestStop",
    "ChatCompletionRequestResponseFormat",
    "ChatCompletionRequestStreamOptions",
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
    "StreamErrorChunkError",
    "StreamErrorChunk",
    "ModelPricing",
    "Health",
    "ValidationErrorItem",
    "RateLimitErrorBodyError",
    "RateLimitErrorBody",
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
    "WsCloseCode",
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
    "HordeHeartbeat",
    "HordePerformance",
    "HordeActiveModel",
    "HordeWorkerDetailsKudosDetails",
    "HordeWorkerDetailsTeam",
    "HordeWorkerDetails",
    "HordeUserDetailsKudosDetails",
    "HordeUserDetailsActiveGenerations",
    "HordeUserDetails",
    "HordeRc",
    "HordeValidationError",
    "HordeRateLimitError",
    "HordeGone",
    "ChatCompletionStreamEvent",
    "HordeHttpError",
    "ChatMessage",
    "ChatCompletionChoice",
    "ChatCompletionChunkChoice",
    "GridMetadata",
    "Model",
    "ModelList",
    "ModelStatus",
    "WorkerSummary",
    "ErrorDetail",
    "HordeTextAsyncRequest",
    "HordeAsyncResponse",
    "HordeTextGeneration",
    "HordeTextPopResponse",
    "HordeError",
    "ChatCompletionRequest",
    "ChatCompletion",
    "ChatCompletionChunk",
    "WorkerList",
    "WsJobPayload",
    "WsJob",
    "WsServerFrame",
    "WsFrame",
    "HordeTextStatus",
]
