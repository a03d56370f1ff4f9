# generated — do not edit.
# Made by scripts/generate.mjs (datamodel-code-generator) from openapi/aipg.yaml; run `pnpm gen` after changing the spec.

from __future__ import annotations

from datetime import date as date_aliased
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import AnyUrl, BaseModel, ConfigDict, Field, StringConstraints
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


ChatCompletionRequestModel = TypeAliasType(
    "ChatCompletionRequestModel", Annotated[str, Field(min_length=1)]
)


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


RoutingPreferencesPreferItem = TypeAliasType(
    "RoutingPreferencesPreferItem", Annotated[str, Field(min_length=1)]
)


RoutingPreferencesOnlyItem = TypeAliasType(
    "RoutingPreferencesOnlyItem", Annotated[str, Field(min_length=1)]
)


RoutingPreferencesIgnoreItem = TypeAliasType(
    "RoutingPreferencesIgnoreItem", Annotated[str, Field(min_length=1)]
)


class RoutingPreferences(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    prefer: Annotated[
        list[RoutingPreferencesPreferItem] | None,
        Field(
            description='Workers (names or ids) to choose first whenever one of them is free.',
            max_length=16,
        ),
    ] = None
    only: Annotated[
        list[RoutingPreferencesOnlyItem] | None,
        Field(
            description='The only workers (names or ids) that may serve the request.',
            max_length=16,
        ),
    ] = None
    ignore: Annotated[
        list[RoutingPreferencesIgnoreItem] | None,
        Field(
            description='Workers (names or ids) that must not serve the request.',
            max_length=16,
        ),
    ] = None
    trusted_only: Annotated[
        bool, Field(description='Only workers whose owner is trusted.')
    ] = False
    region: Annotated[
        str | None,
        Field(
            description='The region to serve from, as workers declare it (`WsRegister.region`, e.g. `eu-west`); the `X-Grid-Region`\nrequest header says the same. A worker in that region scores 1, in the same area (the part before the first\n`-`) 0.5, with no region 0.4, elsewhere 0.2.\n',
            max_length=64,
            min_length=1,
        ),
    ] = None
    sort: Annotated[
        Literal['speed', 'latency', 'reputation', 'price'] | None,
        Field(
            description='Instead of sharing the load by score, take the best free worker by measured tokens/s (`speed`), time to first\ntoken (`latency`) or reputation; `price` puts the cheapest of the fallback models first.\n'
        ),
    ] = None
    min_tokens_per_s: Annotated[
        float | None,
        Field(
            description='Only workers measured at least this fast (a worker not measured yet does not qualify).',
            gt=0.0,
        ),
    ] = None
    max_ttft: Annotated[
        float | None,
        Field(
            description='Only workers measured to start within this many seconds.',
            gt=0.0,
        ),
    ] = None
    allow_fallbacks: Annotated[
        bool,
        Field(
            description='`false`: only the first choice serves — `model` itself (no `models` fallbacks) and, with `prefer`, only the\npreferred workers.\n'
        ),
    ] = True


class RoutingExplanationFallback(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    model: Annotated[str, Field(description='The model passed over.')]
    reason: Annotated[str, Field(description='Why, in words.')]


RoutingExplanationRejectedAdditionalProperty = TypeAliasType(
    "RoutingExplanationRejectedAdditionalProperty", Annotated[int, Field(ge=0)]
)


class RoutingExplanationRunnersUpItem(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    worker: Annotated[str, Field(description="The worker's name.")]
    weight: Annotated[
        float, Field(description='Its score (`RoutingScores.weight`).', ge=0.0)
    ]


class RoutingScores(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    worker: Annotated[str, Field(description="The worker's name.")]
    weight: Annotated[
        float,
        Field(
            description='The product of the factors below; traffic is shared in proportion to it.',
            ge=0.0,
        ),
    ]
    capacity: Annotated[
        float | None, Field(description='Its free share of capacity.', ge=0.0, le=1.0)
    ] = None
    speed: Annotated[
        float | None,
        Field(
            description="Its measured tokens/s over the candidates' mean (1 = average or not measured yet).",
            ge=0.0,
        ),
    ] = None
    latency: Annotated[
        float | None,
        Field(
            description="The square root of (the candidates' mean time to first token + 100 ms) over (its own + 100 ms).",
            ge=0.0,
        ),
    ] = None
    reliability: Annotated[
        float | None,
        Field(description='Its recent share of jobs that went well.', ge=0.0, le=1.0),
    ] = None
    region: Annotated[
        float | None,
        Field(
            description='How near it is to the region asked for (`RoutingPreferences.region`); 1 when none was asked.',
            ge=0.0,
            le=1.0,
        ),
    ] = None
    reputation: Annotated[
        float | None,
        Field(
            description='Its reputation (`WorkerSummary.reputation`).', ge=0.0, le=100.0
        ),
    ] = None


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


ImageOutputFormat = TypeAliasType(
    "ImageOutputFormat",
    Annotated[
        Literal['png', 'jpeg', 'webp'],
        Field(
            description='An image file type: PNG (`image/png`), JPEG (`image/jpeg`) or WebP (`image/webp`).'
        ),
    ],
)


class ImageLora(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    name: Annotated[
        str,
        Field(
            description='The LoRA, by the name (or CivitAI id) the worker knows it by.',
            max_length=255,
            min_length=1,
        ),
    ]
    strength: Annotated[
        float,
        Field(
            description="How strongly it is applied to the model, −5 to 5 (the Horde's `model` strength).",
            ge=-5.0,
            le=5.0,
        ),
    ] = 1
    clip: Annotated[
        float,
        Field(
            description='How strongly it is applied to the text encoder, −5 to 5.',
            ge=-5.0,
            le=5.0,
        ),
    ] = 1


class ImageGridMetadata(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    model: Annotated[
        str | None, Field(description='The model that made the images.')
    ] = None
    gen_time: Annotated[
        float | None,
        Field(description='Seconds from the request to the last image.', ge=0.0),
    ] = None
    steps: Annotated[
        int | None, Field(description='The sampling steps each image got.', ge=1)
    ] = None
    den: Annotated[
        float | None,
        Field(
            description="What the request cost, in den (the sum of its images' megapixel-step prices).",
            ge=0.0,
        ),
    ] = None


class ImageProgress(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    progress: Annotated[
        float | None,
        Field(
            description="Percent done, 0–100: the average over the request's images of what their workers last reported\n(`WsProgress.pct`, or `current_step / total_steps` of `hordeImageProgress`). `null` for a token no running\nor recently finished request carries (an unknown token is not an error). It reaches 100 once every image is\nuploaded and verified, and stays readable for 5 minutes after the request ends.\n",
            ge=0.0,
            le=100.0,
        ),
    ]


class ChatQuote(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    object: Annotated[
        Literal['chat.completion.quote'],
        Field(description='Always `chat.completion.quote`.'),
    ]
    model: Annotated[
        str,
        Field(
            description='The concrete model priced (`auto` routed as it would be now); with fallback `models`, the dearest of the\nmodels that may serve it (a reply from a cheaper one costs its own, lower, rate: its `grid.den` says).\n'
        ),
    ]
    n: Annotated[int, Field(description='Choices priced.', ge=1)]
    prompt_tokens: Annotated[
        int,
        Field(
            description='The prompt as the grid counts it (about 4 characters a token).',
            ge=0,
        ),
    ]
    max_tokens: Annotated[
        int,
        Field(
            description='Completion tokens priced per choice (`max_tokens`; 512 when it is not sent).',
            ge=1,
        ),
    ]
    context_tokens: Annotated[
        int,
        Field(
            description='The context the job is priced for, `prompt_tokens + max_tokens`.',
            ge=0,
        ),
    ]
    size_factor: Annotated[
        float,
        Field(
            description="The model's size factor (1 for an 8B-class or smaller model, or a name with no size).",
            ge=0.0,
        ),
    ]
    context_factor: Annotated[
        float,
        Field(
            description='The context factor (1 up to 8192 tokens of context).', ge=1.0
        ),
    ]
    den_per_token: Annotated[
        float, Field(description='den per completion token.', ge=0.0)
    ]
    fee: Annotated[
        float,
        Field(description="den added to each choice's charge (the Horde tax).", ge=0.0),
    ]
    den_per_choice: Annotated[
        float,
        Field(
            description='The charge of one choice that generates `max_tokens`.', ge=0.0
        ),
    ]
    den: Annotated[
        float,
        Field(
            description='`den_per_choice × n`: the most the request can cost (what a Horde `dry_run` calls `kudos`).',
            ge=0.0,
        ),
    ]


class ImageQuote(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    object: Annotated[
        Literal['image.quote'], Field(description='Always `image.quote`.')
    ]
    model: Annotated[str, Field(description='The model priced.')]
    n: Annotated[int, Field(description='Images priced.', ge=1)]
    width: Annotated[int, Field(description='Pixels across.', ge=1)]
    height: Annotated[int, Field(description='Pixels down.', ge=1)]
    steps: Annotated[int, Field(description='Sampling steps per image.', ge=1)]
    megapixel_steps: Annotated[
        float,
        Field(description='`width × height / 1 000 000 × steps` of one image.', ge=0.0),
    ]
    family_factor: Annotated[
        float,
        Field(
            description="The model family's factor (`flux` 8, `cascade` 4, `sdxl` 2, else 1).",
            ge=0.0,
        ),
    ]
    den_per_megapixel_step: Annotated[
        float,
        Field(
            description="The grid's price of one megapixel-step before the family factor.",
            ge=0.0,
        ),
    ]
    den_per_image: Annotated[float, Field(description='What one image costs.', ge=0.0)]
    den: Annotated[
        float,
        Field(
            description='`den_per_image × n`: what the request costs when every image is made.',
            ge=0.0,
        ),
    ]


class UsageRow(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    date: Annotated[
        date_aliased,
        Field(description='The UTC day (`YYYY-MM-DD`) the jobs completed on.'),
    ]
    model: Annotated[str, Field(description='The model that served them.')]
    requests: Annotated[
        int,
        Field(
            description="Jobs completed and charged (each of a request's `n` choices, and each image, is one).",
            ge=0,
        ),
    ]
    prompt_tokens: Annotated[
        int,
        Field(
            description='Prompt tokens of those jobs, as the grid counts them.', ge=0
        ),
    ]
    completion_tokens: Annotated[
        int, Field(description='Completion tokens the grid charged for.', ge=0)
    ]
    images: Annotated[int, Field(description='Images delivered.', ge=0)]
    den: Annotated[float, Field(description='den spent.', ge=0.0)]


class UsageTotals(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    requests: Annotated[
        int,
        Field(
            description="Jobs completed and charged (each of a request's `n` choices, and each image, is one).",
            ge=0,
        ),
    ]
    prompt_tokens: Annotated[
        int,
        Field(
            description='Prompt tokens of those jobs, as the grid counts them.', ge=0
        ),
    ]
    completion_tokens: Annotated[
        int, Field(description='Completion tokens the grid charged for.', ge=0)
    ]
    images: Annotated[int, Field(description='Images delivered.', ge=0)]
    den: Annotated[float, Field(description='den spent.', ge=0.0)]


JobEventType = TypeAliasType(
    "JobEventType",
    Annotated[
        Literal['queued', 'requeued', 'assigned', 'progress', 'token', 'done', 'failed', 'faulted', 'cancelled'],
        Field(
            description="The kinds of job event. `done`, `failed`, `faulted` and `cancelled` end one job of the request; the one that ends\nthe request's last job carries `final: true` and ends the stream.\n"
        ),
    ],
)


class JobEventBase(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    seq: Annotated[
        int,
        Field(
            description="The event's number in its job's stream: 1, 2, 3 … with no gaps, in the order the grid emitted them. It is the\nSSE `id:`; resume with `Last-Event-ID: <seq>` (or `?after=<seq>`) to get exactly the events after it.\n",
            ge=1,
        ),
    ]
    id: Annotated[
        str,
        Field(
            description="The job's id (the request id the submit returned, e.g. the Horde async `id`)."
        ),
    ]
    index: Annotated[
        int,
        Field(
            description="Which of the request's `n` generations the event is about (0-based).",
            ge=0,
        ),
    ]
    at: Annotated[
        int,
        Field(
            description='When the grid emitted it, in milliseconds since the Unix epoch.',
            ge=0,
        ),
    ]


class JobQueuedEvent(JobEventBase):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[Literal['queued'], Field(description='Always `queued`.')]
    position: Annotated[
        int,
        Field(
            description="1-based place in the grid's queue by age when the event was emitted (0: it was handed to a worker at\nonce). Not updated as the jobs ahead leave; poll the status for a live figure.\n",
            ge=0,
        ),
    ]


class JobRequeuedEvent(JobEventBase):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[Literal['requeued'], Field(description='Always `requeued`.')]
    reason: Annotated[
        str, Field(description='Why the attempt ended, e.g. `worker disconnected`.')
    ]


class Worker(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    id: Annotated[
        str,
        Field(description="The worker's id (as in `GET /api/v2/workers/{worker_id}`)."),
    ]
    name: Annotated[str, Field(description="The worker's name.")]
    region: Annotated[
        str | None,
        Field(
            description='The region the worker declared, when it declared one (absent otherwise).'
        ),
    ] = None


class JobAssignedEvent(JobEventBase):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[Literal['assigned'], Field(description='Always `assigned`.')]
    worker: Annotated[Worker, Field(description='The worker that took this attempt.')]
    model: Annotated[str, Field(description='The model the worker serves it with.')]


class JobProgressEvent(JobEventBase):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[Literal['progress'], Field(description='Always `progress`.')]
    tokens: Annotated[
        int | None,
        Field(description='Text jobs — tokens streamed so far by this attempt.', ge=0),
    ] = None
    pct: Annotated[
        float | None,
        Field(
            description="Image jobs — the worker's progress report, in percent.",
            ge=0.0,
            le=100.0,
        ),
    ] = None


class JobTokenEvent(JobEventBase):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[Literal['token'], Field(description='Always `token`.')]
    delta: Annotated[
        ChatCompletionDelta,
        Field(
            description="The piece, as the worker sent it (`content`, `reasoning_content`, `tool_calls`), like a chat chunk's delta."
        ),
    ]


class JobImageResult(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    id: Annotated[
        str,
        Field(
            description="The image's generation id (`generations[].id` of `GET /api/v2/generate/status/{id}`)."
        ),
    ]
    url: Annotated[
        AnyUrl | None,
        Field(
            description='A signed download URL (`generations[].img` of the status). Absent when the request asked for base64 images\n(`r2: false`): read them from the status.\n'
        ),
    ] = None
    seed: Annotated[
        str,
        Field(
            description='The seed the image was made with (a string, as on the Horde image status).'
        ),
    ]
    model: Annotated[str, Field(description='The model that made it.')]
    worker: Annotated[str, Field(description="The worker's name.")]
    censored: Annotated[
        bool | None,
        Field(
            description='Whether the image was censored (then it is a placeholder, and nothing was charged for it).'
        ),
    ] = None


class JobFailedEvent(JobEventBase):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[Literal['failed'], Field(description='Always `failed`.')]
    final: Annotated[bool | None, Field(description='As on `done`.')] = None
    message: Annotated[str, Field(description='What went wrong.')]


class JobFaultedEvent(JobEventBase):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[Literal['faulted'], Field(description='Always `faulted`.')]
    final: Annotated[bool | None, Field(description='As on `done`.')] = None
    message: Annotated[str, Field(description='What went wrong.')]


class JobCancelledEvent(JobEventBase):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[Literal['cancelled'], Field(description='Always `cancelled`.')]
    final: Annotated[bool | None, Field(description='As on `done`.')] = None


class JobEventStreamEvent(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    id: Annotated[str, Field(description="The event's `seq`.", pattern='^[1-9][0-9]*$')]
    event: Annotated[JobEventType, Field(description="The event's `type`.")]
    data: Annotated[
        str,
        Field(
            description='The event, as JSON.',
            json_schema_extra={
                'contentMediaType': 'application/json',
                'contentSchema': {'$ref': '#/components/schemas/JobEvent'},
            },
        ),
    ]


class FileUploadRequest(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    file: Annotated[
        str,
        Field(
            description="The file's bytes (UTF-8 JSONL, one `BatchRequestInput` per line) with its filename.",
            json_schema_extra={'contentMediaType': 'application/octet-stream'},
        ),
    ]
    purpose: Annotated[
        Literal['batch'],
        Field(
            description='What the file is for. AIPG accepts `batch` only (OpenAI also takes `assistants`, `fine-tune`, `vision`,\n`user_data`, `evals`); anything else is a 422.\n'
        ),
    ]


FilePurpose = TypeAliasType(
    "FilePurpose",
    Annotated[
        Literal['batch', 'batch_output'],
        Field(
            description="`batch` for an uploaded input file, `batch_output` for a batch's output or error file."
        ),
    ],
)


class FileObject(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    id: Annotated[
        str,
        Field(
            description='The file id (`file-…`), used in `input_file_id`, `output_file_id` and `error_file_id`.'
        ),
    ]
    object: Annotated[Literal['file'], Field(description='Always `file`.')]
    bytes: Annotated[int, Field(description='The size of the file in bytes.', ge=0)]
    created_at: Annotated[
        int,
        Field(
            description="Unix time (s) of the upload, or of the batch's finalizing for an output or error file."
        ),
    ]
    filename: Annotated[
        str,
        Field(
            description='The name sent with the upload; `batch_{id}_output.jsonl` / `batch_{id}_error.jsonl` for outputs.'
        ),
    ]
    purpose: Annotated[
        FilePurpose,
        Field(description='`batch` (uploaded) or `batch_output` (written by a batch).'),
    ]
    status: Annotated[
        Literal['uploaded', 'processed', 'error'],
        Field(description='Deprecated by OpenAI; always `processed` here.'),
    ]
    expires_at: Annotated[
        int | None,
        Field(
            description='Unix time (s) when the file expires; always `null` here (files stay until deleted or the grid stops).'
        ),
    ] = None
    status_details: Annotated[
        str | None, Field(description='Deprecated by OpenAI; always `null`.')
    ] = None


class FileDeleted(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    id: Annotated[str, Field(description="The deleted file's id.")]
    object: Annotated[Literal['file'], Field(description='Always `file`.')]
    deleted: Annotated[bool, Field(description='Always `true`.')]


class FileList(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    object: Annotated[Literal['list'], Field(description='Always `list`.')]
    data: Annotated[list[FileObject], Field(description='The files of this page.')]
    first_id: Annotated[
        str | None,
        Field(description='The first file id of this page (`null` for an empty page).'),
    ] = None
    last_id: Annotated[
        str | None,
        Field(
            description='The last file id of this page; pass it as `after` for the next page.'
        ),
    ] = None
    has_more: Annotated[bool, Field(description='Whether another page follows.')]


BatchEndpoint = TypeAliasType(
    "BatchEndpoint",
    Annotated[
        Literal['/v1/chat/completions'],
        Field(
            description='The endpoint every request of a batch goes to. AIPG runs `/v1/chat/completions` only (OpenAI also takes\n`/v1/responses`, `/v1/embeddings`, `/v1/completions`, `/v1/moderations`, `/v1/images/generations`, …).\n'
        ),
    ],
)


BatchStatus = TypeAliasType(
    "BatchStatus",
    Annotated[
        Literal['validating', 'failed', 'in_progress', 'finalizing', 'completed', 'expired', 'cancelling', 'cancelled'],
        Field(
            description='`validating` (the input file is being read) → `in_progress` → `finalizing` (the output and error files are\nbeing written) → `completed`; `failed` when the file cannot be run at all (see `errors`); `expired` when the\n`completion_window` ran out first; `cancelling` → `cancelled` after a cancel.\n'
        ),
    ],
)


BatchCreateRequestMetadataAdditionalProperty = TypeAliasType(
    "BatchCreateRequestMetadataAdditionalProperty",
    Annotated[str, Field(max_length=512)],
)


class BatchCreateRequest(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    input_file_id: Annotated[
        str,
        Field(
            description='The id of an uploaded file with purpose `batch`, one `BatchRequestInput` per line.',
            min_length=1,
        ),
    ]
    endpoint: Annotated[
        BatchEndpoint, Field(description="The endpoint every line's `url` must name.")
    ]
    completion_window: Annotated[
        Literal['24h'],
        Field(
            description='How long the batch may run: `24h` only. A batch still running when it has passed is `expired`; what finished\nis in its output file, the rest in its error file (`batch_expired`). A key may have at most\n`x-max-active-batches-per-key` (on `input_file_id`) batches that have not ended (429).\n'
        ),
    ]
    metadata: Annotated[
        dict[Annotated[str, StringConstraints(max_length=64)], BatchCreateRequestMetadataAdditionalProperty] | None,
        Field(
            description='Up to 16 string pairs kept on the batch (keys ≤ 64 characters, values ≤ 512).',
            max_length=16,
        ),
    ] = None


class BatchRequestCounts(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    total: Annotated[
        int,
        Field(
            description='The request lines of the input file (blank lines are not counted).',
            ge=0,
        ),
    ]
    completed: Annotated[
        int,
        Field(
            description='Requests answered successfully (lines of the output file).',
            ge=0,
        ),
    ]
    failed: Annotated[
        int,
        Field(
            description='Requests that ended without an answer (lines of the error file).',
            ge=0,
        ),
    ]


class BatchError(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    code: Annotated[
        str,
        Field(
            description='`empty_file`, `invalid_jsonl` (no line is a JSON object), `too_many_requests` (more than the lines limit),\n`line_too_large`, `duplicate_custom_id`, `file_not_found`.\n'
        ),
    ]
    message: Annotated[
        str, Field(description='What is wrong, naming the limit where one was broken.')
    ]
    param: Annotated[
        str | None,
        Field(description='The field at fault (`custom_id`, `input_file_id`), if any.'),
    ] = None
    line: Annotated[
        int | None,
        Field(
            description='The 1-based line of the input file, if the error is about one line.'
        ),
    ] = None


class BatchErrors(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    object: Annotated[Literal['list'], Field(description='Always `list`.')]
    data: Annotated[list[BatchError], Field(description='The errors, at most 100.')]


class BatchUsageInputTokensDetails(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    cached_tokens: Annotated[
        int, Field(description='Always 0 (the grid has no prompt cache).')
    ]


class BatchUsageOutputTokensDetails(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    reasoning_tokens: Annotated[
        int, Field(description='Always 0 (reasoning counts in `output_tokens`).')
    ]


class BatchUsage(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    input_tokens: Annotated[int, Field(description='Prompt tokens, summed.')]
    input_tokens_details: Annotated[
        BatchUsageInputTokensDetails,
        Field(description='Breakdown of the input tokens.'),
    ]
    output_tokens: Annotated[int, Field(description='Completion tokens, summed.')]
    output_tokens_details: Annotated[
        BatchUsageOutputTokensDetails,
        Field(description='Breakdown of the output tokens.'),
    ]
    total_tokens: Annotated[int, Field(description='`input_tokens + output_tokens`.')]


class Batch(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    id: Annotated[str, Field(description='The batch id (`batch_…`).')]
    object: Annotated[Literal['batch'], Field(description='Always `batch`.')]
    endpoint: Annotated[str, Field(description='The endpoint its requests go to.')]
    model: Annotated[
        str | None,
        Field(
            description='The `model` of the first request line, once the file is read.'
        ),
    ] = None
    errors: Annotated[
        BatchErrors | None,
        Field(description='Why the batch failed validation; `null` otherwise.'),
    ]
    input_file_id: Annotated[str, Field(description='The input file.')]
    completion_window: Annotated[str, Field(description='`24h`.')]
    status: Annotated[BatchStatus, Field(description='Where the batch is.')]
    output_file_id: Annotated[
        str | None,
        Field(
            description='The output file (`batch_output`), once the batch has ended with at least one answer.'
        ),
    ]
    error_file_id: Annotated[
        str | None,
        Field(
            description='The error file (`batch_output`), once the batch has ended with at least one failed request.'
        ),
    ]
    created_at: Annotated[int, Field(description='When the batch was created.')]
    in_progress_at: Annotated[
        int | None, Field(description='When its requests started.')
    ]
    expires_at: Annotated[
        int | None, Field(description='When the `completion_window` ends.')
    ]
    finalizing_at: Annotated[
        int | None, Field(description='When the output files started being written.')
    ]
    completed_at: Annotated[int | None, Field(description='When it completed.')]
    failed_at: Annotated[int | None, Field(description='When it failed validation.')]
    expired_at: Annotated[int | None, Field(description='When it expired.')]
    cancelling_at: Annotated[
        int | None, Field(description='When a cancel was asked for.')
    ]
    cancelled_at: Annotated[
        int | None,
        Field(
            description='When the cancel finished (the requests running then have ended).'
        ),
    ]
    request_counts: Annotated[
        BatchRequestCounts, Field(description='How many requests have ended, and how.')
    ]
    usage: Annotated[
        BatchUsage | None, Field(description='Tokens of the finished requests.')
    ] = None
    metadata: Annotated[
        dict[str, Any] | None, Field(description='The metadata given at creation.')
    ]


class BatchList(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    object: Annotated[Literal['list'], Field(description='Always `list`.')]
    data: Annotated[list[Batch], Field(description='The batches of this page.')]
    first_id: Annotated[
        str | None,
        Field(
            description='The first batch id of this page (`null` for an empty page).'
        ),
    ] = None
    last_id: Annotated[
        str | None,
        Field(
            description='The last batch id of this page; pass it as `after` for the next page.'
        ),
    ] = None
    has_more: Annotated[bool, Field(description='Whether another page follows.')]


class BatchRequestInput(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    custom_id: Annotated[
        str,
        Field(
            description="The caller's id of the request, unique in the file; its answer carries it.",
            min_length=1,
        ),
    ]
    method: Annotated[Literal['POST'], Field(description='Always `POST`.')]
    url: Annotated[str, Field(description="The batch's `endpoint`.")]
    body: Annotated[
        dict[str, Any],
        Field(
            description='The request body, as that endpoint takes it (`ChatCompletionRequest`; `stream` is ignored).'
        ),
    ]


class BatchRequestOutputResponse(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    status_code: Annotated[
        int,
        Field(description='The HTTP status the endpoint would have answered (200).'),
    ]
    request_id: Annotated[str, Field(description="The grid's id of the request.")]
    body: Annotated[
        dict[str, Any],
        Field(description="The endpoint's response body (a `ChatCompletion`)."),
    ]


class BatchRequestOutputError(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    code: Annotated[
        str,
        Field(
            description='`invalid_json`, `invalid_request` (a missing or wrong field; `message` names it), a grid error code\nof the request (`InvalidField`, `ModelNotOnline`, `NoModelOnline`, `KudosUpfront`), `failed` (the\nworker said the request is bad), `faulted` (every attempt failed), `batch_cancelled`,\n`batch_expired`.\n'
        ),
    ]
    message: Annotated[str, Field(description='What went wrong.')]
    line: Annotated[
        int | None,
        Field(description='The 1-based line of the input file (AIPG extension).'),
    ] = None


class BatchRequestOutput(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    id: Annotated[str, Field(description='The id of this answer (`batch_req_…`).')]
    custom_id: Annotated[
        str | None,
        Field(
            description="The input line's `custom_id`; `null` for a line that could not be read."
        ),
    ]
    response: Annotated[
        BatchRequestOutputResponse | None,
        Field(description="The endpoint's answer, or `null`."),
    ]
    error: Annotated[
        BatchRequestOutputError | None,
        Field(description='Why there is no answer, or `null`.'),
    ]


BatchFileLine = TypeAliasType(
    "BatchFileLine",
    Annotated[
        BatchRequestInput | BatchRequestOutput,
        Field(
            description="One line of a file's content (`GET /v1/files/{file_id}/content`, `application/jsonl`): a `BatchRequestInput`\nfor an uploaded file, a `BatchRequestOutput` for an output or error file. The content is these lines, each\nending with `\\n`; the schema describes one line, as `ChatCompletionStreamEvent` describes one event.\n"
        ),
    ],
)


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
    region: Annotated[
        str | None,
        Field(
            description="Mock grid: where the worker runs (e.g. `eu-west`), matched against a request's `routing.region`\n(`RoutingPreferences`). The live server does not read it.\n",
            max_length=64,
            min_length=1,
        ),
    ] = None
    max_pixels: Annotated[
        int,
        Field(
            description='Media workers, mock grid: the largest `width × height` the worker makes (default 2359296 = 1536×1536, the\nlargest `/v1` size); a larger job (e.g. from the Horde door) goes to another worker. Same meaning as\n`HordeImagePopRequest.max_pixels`. The live server does not read it (it sends any size `/v1` allows).\n',
            ge=4096,
        ),
    ] = 2359296
    allow_img2img: Annotated[
        bool,
        Field(
            description='Media workers, mock grid: whether the worker takes jobs with a source image. The live server does not read it.'
        ),
    ] = True
    allow_painting: Annotated[
        bool,
        Field(
            description='Media workers, mock grid: whether the worker takes inpainting/outpainting jobs. The live server does not read it.'
        ),
    ] = True
    allow_post_processing: Annotated[
        bool,
        Field(
            description='Media workers, mock grid: whether the worker takes jobs with `post_processing`. The live server does not read it.'
        ),
    ] = True
    allow_lora: Annotated[
        bool,
        Field(
            description='Media workers, mock grid: whether the worker takes jobs with `loras`. The live server does not read it.'
        ),
    ] = False
    allow_controlnet: Annotated[
        bool,
        Field(
            description='Media workers, mock grid: whether the worker takes ControlNet jobs. The live server does not read it.'
        ),
    ] = False
    amount: Annotated[
        int,
        Field(
            description="Media workers, mock grid: most images one job may ask for (`WsMediaJob` with up to `amount` upload slots).\nThe grid splits a request's images into jobs of at most this many, so several workers can share it. The\nlive server does not read it and sends each `/v1` request (at most 4 images) as one job.\n",
            ge=1,
            le=20,
        ),
    ] = 4


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
            description="The reward in den: for text the grid's own token count of the output, capped at the job's `max_length`; for\nmedia the sum over its images of `width × height / 1 000 000 × steps × family multiplier`.\n",
            ge=0.0,
        ),
    ]


class WsUploadSlot(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    put_url: Annotated[
        AnyUrl,
        Field(
            description='The signed upload URL (method `PUT`, the raw bytes as the body).'
        ),
    ]
    key: Annotated[
        str,
        Field(
            description="The object's key in the grid's store (the server names it; workers only echo the slot index).",
            min_length=1,
        ),
    ]
    content_type: Annotated[
        Literal['image/webp', 'image/png', 'image/jpeg', 'video/mp4', 'audio/wav', 'model/gltf-binary'],
        Field(
            description="The file's type; the `PUT` must send it as `Content-Type`, and the bytes must be of that type (the mock grid\nchecks their magic bytes on `done`).\n"
        ),
    ]
    expires_at: Annotated[
        int | None,
        Field(
            description='Mock grid: when `put_url` stops working, in Unix seconds. The live server does not send it.',
            ge=0,
        ),
    ] = None


WsMediaJobPayloadSeed = TypeAliasType(
    "WsMediaJobPayloadSeed", Annotated[int, Field(ge=0)]
)


class WsProgress(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[Literal['progress'], Field(description='Always `progress`.')]
    id: Annotated[str, Field(description='The job id.')]
    pct: Annotated[
        float,
        Field(description='Percent done, 0–100, over the whole job.', ge=0.0, le=100.0),
    ]
    preview_b64: Annotated[
        str | None,
        Field(
            description='An optional low-resolution preview, base64 (the mock grid ignores it).'
        ),
    ] = None


class WsMediaResult(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    index: Annotated[
        int,
        Field(
            description='The upload slot it went to (0-based, unique within the `done`).',
            ge=0,
            le=19,
        ),
    ]
    seed: Annotated[int, Field(description='The seed it was made with.', ge=0)]
    sha256: Annotated[
        str,
        Field(
            description='Lowercase hex SHA-256 of the bytes that were uploaded.',
            pattern='^[0-9a-f]{64}$',
        ),
    ]


class WsMediaDone(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[
        Literal['done'],
        Field(
            description='Always `done` (as for a text job; `results` tells them apart).'
        ),
    ]
    id: Annotated[str, Field(description='The job id.')]
    results: Annotated[
        list[WsMediaResult],
        Field(
            description='One entry per upload slot (empty only after a cancel).',
            max_length=20,
        ),
    ]
    cancelled: Annotated[
        bool,
        Field(
            description='`true` after a `WsCancel`: the job stopped early; nothing is paid and it is no strike.'
        ),
    ] = False


WsMediaWorkerFrame = TypeAliasType(
    "WsMediaWorkerFrame",
    Annotated[
        WsPong | WsProgress | WsMediaDone | WsWorkerError,
        Field(
            description='Every worker → server frame of a media session after `WsRegister`, told apart by `type`.',
            discriminator='type',
        ),
    ],
)


WsCloseCode = TypeAliasType(
    "WsCloseCode",
    Annotated[
        Literal[4001, 4003, 1012],
        Field(
            description='WebSocket close codes the server uses:\n- **4001**: missing or invalid API key or worker name.\n- **4003**: the key lacks the `worker.connect`/`inference.submit` scope, a rig key used for another rig, a retired\n  model, an eviction cooldown (6 strikes in 300 s bar re-registration for 30 s → 2 min → 10 min → 1 h), a name\n  registered to another account, or an identity/profile failure; on the mock grid also a registration that\n  mixes `text` with media job types.\n- **1012**: a newer connection registered the same worker name; the older socket is closed. Do not reconnect\n  under that name. With a close reason starting `service restart` instead, the grid is shutting down or\n  restarting (it closes every worker socket so, and refuses new ones the same way while it drains): reconnect\n  later, with back-off. A job in flight on the socket is not paid; the grid has cancelled or re-queued it.\n'
        ),
    ],
)


class ClientWsLimits(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    max_concurrent_requests: Annotated[
        int,
        Field(
            description='Requests one connection may have open at once (chat completions not yet answered, subscriptions not yet\nended, submits not yet answered). One more is refused with `limit_exceeded`; the connection stays open.\n',
            ge=1,
        ),
    ]
    max_frame_bytes: Annotated[
        int,
        Field(
            description="Largest client frame, in bytes (the HTTP doors' body limit). A larger frame is refused with `limit_exceeded`\n(its request id when it can be read); one over 4 × this closes the socket with 1009.\n",
            ge=1024,
        ),
    ]
    max_connections_per_key: Annotated[
        int,
        Field(
            description='Open client WebSocket connections per account. The one past it gets a `limit_exceeded` error frame and is\nclosed with 4029.\n',
            ge=1,
        ),
    ]
    idle_timeout_s: Annotated[
        int,
        Field(
            description='Seconds the grid waits for any client frame; after that it closes the socket with 4008. Send `ping` more\noften than this (the SDK pings every 25 s).\n',
            ge=1,
        ),
    ]
    auth_timeout_s: Annotated[
        int,
        Field(
            description='Seconds a connection without an `Authorization` header has to send `ClientWsAuth`; after that it is closed\nwith 4001.\n',
            ge=1,
        ),
    ]


class ClientWsAuth(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[Literal['auth'], Field(description='Always `auth`.')]
    api_key: Annotated[
        str,
        Field(
            description='A Grid key with the `inference.submit` scope.', min_length=1
        ),
    ]


ClientWsRequestId = TypeAliasType(
    "ClientWsRequestId",
    Annotated[
        str,
        Field(
            description="The client's name for one request, unique among the connection's open requests (a reused open id is refused\nwith `duplicate_id`). Every frame about the request carries it; it may be reused once the request has ended.\n",
            max_length=128,
            min_length=1,
        ),
    ],
)


class ClientWsJobSubscribe(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[
        Literal['jobs.subscribe'], Field(description='Always `jobs.subscribe`.')
    ]
    id: Annotated[
        ClientWsRequestId, Field(description="The client's id for this subscription.")
    ]
    job_id: Annotated[
        str, Field(description='The job (Horde request id) to follow.', min_length=1)
    ]
    after: Annotated[
        int | None,
        Field(
            description='The `seq` of the last event the client already has; only later events are sent. Default none.',
            ge=0,
        ),
    ] = None


class ClientWsCancel(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[Literal['cancel'], Field(description='Always `cancel`.')]
    id: Annotated[ClientWsRequestId, Field(description='The request to end.')]


class ClientWsPing(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[Literal['ping'], Field(description='Always `ping`.')]
    id: Annotated[
        str | None,
        Field(
            description='Echoed in the `pong` (optional; lets a client measure the round trip).',
            max_length=128,
        ),
    ] = None


class ClientWsReady(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[Literal['ready'], Field(description='Always `ready`.')]
    connection_id: Annotated[
        str,
        Field(
            description="The grid's id for this connection (for support requests and logs)."
        ),
    ]
    limits: Annotated[ClientWsLimits, Field(description="This connection's limits.")]


class ClientWsDone(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[Literal['done'], Field(description='Always `done`.')]
    id: Annotated[ClientWsRequestId, Field(description='The request that ended.')]
    cancelled: Annotated[
        bool, Field(description='`true` when it ended because the client cancelled it.')
    ] = False


ClientWsErrorKind = TypeAliasType(
    "ClientWsErrorKind",
    Annotated[
        Literal['invalid_frame', 'duplicate_id', 'unknown_id', 'limit_exceeded', 'invalid_request_error', 'authentication_error', 'payment_required', 'permission_error', 'not_found_error', 'rate_limit_error', 'upstream_error', 'service_unavailable', 'internal_error'],
        Field(
            description="(Named `…Kind`, not `…Type`, so it never clashes with the name generators give `ClientWsError.error.type`.)\nWhat kind of failure a `ClientWsError` reports. The HTTP doors' failures keep their OpenAI-style names, by\nthe status the same request would get over HTTP (`error.status`): `invalid_request_error` (400, 413, 422),\n`authentication_error` (401), `payment_required` (402), `permission_error` (403), `not_found_error` (404),\n`rate_limit_error` (429), `upstream_error` (502: the worker failed), `service_unavailable` (503: no worker\nonline, or the grid is shutting down), `internal_error` (500). The socket's own: `invalid_frame` (not JSON, not\na known frame, or fields that do not fit the frame's schema), `duplicate_id` (the id names an open request),\n`unknown_id` (a `cancel` of an id that is not open), `limit_exceeded` (a `ClientWsLimits` limit, named in\n`error.limit`).\n"
        ),
    ],
)


class ClientWsErrorError(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    message: Annotated[
        str,
        Field(
            description="The reason, in words (the HTTP door's wording for the same failure)."
        ),
    ]
    type: Annotated[ClientWsErrorKind, Field(description='The kind of failure.')]
    status: Annotated[
        int,
        Field(
            description="The HTTP status the same request gets from the HTTP door (400 for the socket's own errors, 429 for `limit_exceeded`).",
            ge=400,
            le=599,
        ),
    ]
    code: Annotated[
        str | None,
        Field(
            description="The grid's own error code where it has one (`TooManyPrompts`, `ModelNotOnline`, `RateLimited`, …)."
        ),
    ] = None
    param: Annotated[
        str | None,
        Field(
            description='The field at fault, as a dotted path (`body.messages.0.role`), when one is.'
        ),
    ] = None
    limit: Annotated[
        str | None,
        Field(
            description='For `limit_exceeded`: the `ClientWsLimits` property that was exceeded.'
        ),
    ] = None
    max: Annotated[
        float | None, Field(description="For `limit_exceeded`: that limit's value.")
    ] = None
    retry_after_ms: Annotated[
        int | None,
        Field(
            description='When a retry may succeed (rate limits, the in-flight cap), in milliseconds.',
            ge=0,
        ),
    ] = None


class ClientWsError(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[Literal['error'], Field(description='Always `error`.')]
    id: Annotated[
        ClientWsRequestId | None,
        Field(description='The request that failed; `null` when the frame named none.'),
    ]
    error: Annotated[ClientWsErrorError, Field(description='What went wrong.')]


class ClientWsPong(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[Literal['pong'], Field(description='Always `pong`.')]
    id: Annotated[
        str | None, Field(description="The ping's `id`, when it had one.")
    ] = None


ClientWsCloseCode = TypeAliasType(
    "ClientWsCloseCode",
    Annotated[
        Literal[4001, 4003, 4008, 4029, 1008, 1009, 1012],
        Field(
            description="WebSocket close codes of the client socket. Each 40xx mirrors the HTTP status of the same refusal (401, 403,\n408, 429), and the worker socket's codes are reused where the meaning is the same (4001, 4003, 1012):\n- **4001**: missing or invalid API key, or no `ClientWsAuth` within `auth_timeout_s`. Do not reconnect with the\n  same key.\n- **4003**: the key lacks the `inference.submit` scope. Do not reconnect with the same key.\n- **4008**: idle timeout, no frame within `idle_timeout_s` (send `ping`). Reconnect.\n- **4029**: the account has `max_connections_per_key` client sockets open already. Reconnect later, with\n  back-off, or share one connection (it carries many requests).\n- **1008**: the client does not read its frames (the grid's unsent bytes for it passed 8 MiB).\n- **1009**: a frame over 4 × `max_frame_bytes` (smaller oversized frames get a `limit_exceeded` error instead).\n- **1012**: the grid is shutting down (reason starting `service restart`); reconnect later, with back-off.\nOn any close, open chat completions are cancelled (their jobs end, nothing is charged); async jobs keep running\nand subscriptions can be taken up again with `after`.\n"
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
    region: Annotated[
        str | None,
        Field(
            description="Mock grid: where the worker runs (e.g. `eu-west`), matched against a request's `routing.region`; each pop may\nsend it and the latest one is kept. Not a Horde field.\n",
            max_length=64,
            min_length=1,
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
    max_pixels: Annotated[
        int | None,
        Field(
            description="Image requests larger (`width × height`) than this worker's `max_pixels`.",
            ge=0,
        ),
    ] = None
    step_count: Annotated[
        int | None,
        Field(
            description='Image requests with more steps than this worker allows (`limit_max_steps`).',
            ge=0,
        ),
    ] = None
    unsafe_ip: Annotated[
        int | None,
        Field(
            description='Requests from unsafe IPs, which this worker does not take (`allow_unsafe_ipaddr: false`).',
            ge=0,
        ),
    ] = None
    img2img: Annotated[
        int | None,
        Field(
            description='Image requests with a source image, which this worker does not take (`allow_img2img: false`).',
            ge=0,
        ),
    ] = None
    painting: Annotated[
        int | None,
        Field(
            description='Inpainting/outpainting requests, which this worker does not take (`allow_painting: false`).',
            ge=0,
        ),
    ] = None
    post_processing: Annotated[
        int | None,
        Field(
            alias='post-processing',
            description='Requests with post-processing, which this worker does not take (`allow_post_processing: false`).',
            ge=0,
        ),
    ] = None
    lora: Annotated[
        int | None,
        Field(
            description='Requests with LoRAs, which this worker does not take (`allow_lora: false`).',
            ge=0,
        ),
    ] = None
    controlnet: Annotated[
        int | None,
        Field(
            description='ControlNet requests, which this worker does not take (`allow_controlnet: false`).',
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


HordeImageAsyncRequestModel = TypeAliasType(
    "HordeImageAsyncRequestModel", Annotated[str, Field(min_length=1)]
)


HordeSampler = TypeAliasType(
    "HordeSampler",
    Annotated[
        Literal['k_lms', 'k_heun', 'k_euler', 'k_euler_a', 'k_dpm_2', 'k_dpm_2_a', 'k_dpm_fast', 'k_dpm_adaptive', 'k_dpmpp_2s_a', 'k_dpmpp_2m', 'dpmsolver', 'k_dpmpp_sde', 'DDIM', 'lcm'],
        Field(
            description="Image samplers, by the AI Horde's names (`k_…` are the k-diffusion samplers; `lcm` the latent-consistency\nsampler for few-step models).\n"
        ),
    ],
)


HordePostProcessor = TypeAliasType(
    "HordePostProcessor",
    Annotated[
        Literal['GFPGAN', 'RealESRGAN_x4plus', 'RealESRGAN_x2plus', 'RealESRGAN_x4plus_anime_6B', 'NMKD_Siax', '4x_AnimeSharp', 'CodeFormers', 'strip_background'],
        Field(
            description='Post-processors: face fixers (`GFPGAN`, `CodeFormers`), upscalers (`RealESRGAN_x4plus`, `RealESRGAN_x2plus`,\n`RealESRGAN_x4plus_anime_6B`, `NMKD_Siax`, `4x_AnimeSharp`; the image grows by the factor) and\n`strip_background`.\n'
        ),
    ],
)


HordeControlType = TypeAliasType(
    "HordeControlType",
    Annotated[
        Literal['canny', 'hed', 'depth', 'normal', 'openpose', 'seg', 'scribble', 'fakescribbles', 'hough'],
        Field(description='The kinds of ControlNet map.'),
    ],
)


HordeSourceProcessing = TypeAliasType(
    "HordeSourceProcessing",
    Annotated[
        Literal['txt2img', 'img2img', 'inpainting', 'outpainting', 'remix', 'txt2video', 'img2video'],
        Field(
            description='What to do with `source_image`: nothing (`txt2img`), use it as the start (`img2img`), paint inside or outside a\nmask (`inpainting`, `outpainting`), remix it (`remix`), or, AIPG, make a video (`txt2video`, `img2video`).\n'
        ),
    ],
)


HordeMediaType = TypeAliasType(
    "HordeMediaType",
    Annotated[
        Literal['image', 'video'], Field(description='AIPG. What a request makes.')
    ],
)


class HordeLora(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    name: Annotated[
        str,
        Field(
            description="The LoRA's CivitAI name or id (a version id with `is_version`).",
            max_length=255,
            min_length=1,
        ),
    ]
    model: Annotated[
        float,
        Field(
            description='How strongly it is applied to the model, −5 to 5.',
            ge=-5.0,
            le=5.0,
        ),
    ] = 1
    clip: Annotated[
        float,
        Field(
            description='How strongly it is applied to the text encoder, −5 to 5.',
            ge=-5.0,
            le=5.0,
        ),
    ] = 1
    inject_trigger: Annotated[
        str | None,
        Field(
            description="A trigger word to add to the prompt (`any` picks one of the LoRA's own at random)."
        ),
    ] = None
    is_version: Annotated[
        bool, Field(description='`true` → `name` is a CivitAI model-version id.')
    ] = False


class HordeTextualInversion(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    name: Annotated[
        str,
        Field(
            description="The embedding's CivitAI name or id.",
            max_length=255,
            min_length=1,
        ),
    ]
    inject_ti: Annotated[
        Literal['prompt', 'negprompt'] | None,
        Field(
            description='Add the embedding to the prompt or to the negative prompt (absent → the prompt names it itself).'
        ),
    ] = None
    strength: Annotated[
        float,
        Field(description='How strongly it is applied, −5 to 5.', ge=-5.0, le=5.0),
    ] = 1


class HordeExtraSourceImage(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    image: Annotated[
        str, Field(description='The picture (same encodings as `source_image`).')
    ]
    strength: Annotated[
        float, Field(description='How strongly it counts.', ge=0.0, le=5.0)
    ] = 1


class HordeExtraText(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    text: Annotated[str, Field(description='The text.')]
    reference: Annotated[
        str, Field(description='Which input of the workflow it fills (e.g. `qr_code`).')
    ]


class HordeImageCheck(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    finished: Annotated[int, Field(description='Images completed.', ge=0)]
    processing: Annotated[int, Field(description='Images in flight.', ge=0)]
    restarted: Annotated[
        int,
        Field(
            description='Images that faulted (or failed the upload check) and were re-queued.',
            ge=0,
        ),
    ]
    waiting: Annotated[
        int, Field(description='Images not yet given to a worker.', ge=0)
    ]
    done: Annotated[
        bool,
        Field(description='Faulted, or nothing left waiting and every image finished.'),
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
    progress: Annotated[
        HordeProgress | None,
        Field(
            description="AIPG: how far the running generations are, from the workers' `hordeImageProgress` reports (and WebSocket\nworkers' `WsProgress`). The live server computes it but strips it from the body; the mock grid sends it.\n"
        ),
    ] = None


class HordeImageGeneration(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    img: Annotated[
        str,
        Field(
            description="With `r2: true` (the default) a signed download URL (valid 1800 s; the object's key is `{id}.webp` even when\nthe bytes are another type); with `r2: false` the image as base64.\n"
        ),
    ]
    seed: Annotated[
        str,
        Field(
            description='The seed, as a **string** (text generations use an integer).'
        ),
    ]
    id: Annotated[UUID, Field(description='The generation id.')]
    censored: Annotated[
        bool,
        Field(description='`true` → the image was censored (replaced) by the worker.'),
    ]
    gen_metadata: Annotated[
        list[HordeGenMetadata] | None,
        Field(
            description='Notes the worker attached (e.g. why it was censored, a LoRA that failed to download).'
        ),
    ] = None
    worker_id: Annotated[UUID, Field(description='The id of the worker that made it.')]
    worker_name: Annotated[
        str, Field(description='The name of the worker that made it.')
    ]
    model: Annotated[str, Field(description='The model that made it.')]
    state: Annotated[
        HordeGenerationState,
        Field(
            description='The submitted state. The live server always reports `ok` here (a marshalling default).'
        ),
    ]


HordeImagePopRequestModel = TypeAliasType(
    "HordeImagePopRequestModel", Annotated[str, Field(max_length=255, min_length=1)]
)


class HordeImagePopRequest(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    name: Annotated[
        str,
        Field(
            description="Worker name (same rules as a text worker's); the name of a text worker → 400 `PolymorphicNameConflict`.\n",
            min_length=1,
        ),
    ]
    models: Annotated[
        list[HordeImagePopRequestModel],
        Field(
            description='Models served (at most 200 are kept, `x-kept-items`). AIPG stores them lower-cased.',
            min_length=1,
        ),
    ]
    max_pixels: Annotated[
        int,
        Field(
            description='Largest `width × height` the worker makes (default 262144 = 512×512). comfy-bridge sends\n`GRID_MAX_PIXELS`, 20971520 by default.\n',
            ge=4096,
        ),
    ] = 262144
    blacklist: Annotated[
        list[str],
        Field(
            description='Words; requests whose prompt contains one are skipped (`skipped.blacklist`).'
        ),
    ] = []
    allow_img2img: Annotated[
        bool,
        Field(
            description='Whether the worker takes requests with a `source_image` (img2img, remix).'
        ),
    ] = True
    allow_painting: Annotated[
        bool,
        Field(
            description='Whether the worker takes inpainting and outpainting requests.'
        ),
    ] = True
    allow_post_processing: Annotated[
        bool,
        Field(description='Whether the worker takes requests with `post_processing`.'),
    ] = True
    allow_controlnet: Annotated[
        bool,
        Field(
            description='Whether the worker takes ControlNet requests. The parser defaults to `false`; the swagger model says `true`.\n'
        ),
    ] = False
    allow_sdxl_controlnet: Annotated[
        bool,
        Field(
            description='Whether the worker takes ControlNet requests on SDXL models.'
        ),
    ] = False
    allow_lora: Annotated[
        bool,
        Field(
            description='Whether the worker takes requests with `loras` (it downloads them).'
        ),
    ] = False
    allow_unsafe_ipaddr: Annotated[
        bool,
        Field(
            description='Whether the worker takes requests from IPs the server considers unsafe (VPNs, proxies).'
        ),
    ] = True
    limit_max_steps: Annotated[
        bool,
        Field(description="`true` → only requests within the model's own step limit."),
    ] = False
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
            description="`name:version:url`. The server gates capabilities (`r2`, img2img, painting, …) by the bridge's name and\nversion; comfy-bridge therefore sends reGen's agent string.\n",
            max_length=1000,
        ),
    ] = 'unknown:0:unknown'
    bridge_version: Annotated[
        int | None, Field(deprecated=True, description='Sent by old workers; ignored.')
    ] = None
    require_upfront_kudos: Annotated[
        bool,
        Field(
            description='`true` → only requests from users who have the kudos for them up front.'
        ),
    ] = False
    amount: Annotated[
        int,
        Field(
            description='Most images the worker makes at once. AIPG hands out a request only to a worker with `amount ≥ n` (and then\nall of it); the mock grid hands out up to `amount` images of a request and leaves the rest for other pops.\n',
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


HordeImagePopPayloadSeed = TypeAliasType(
    "HordeImagePopPayloadSeed", Annotated[int, Field(ge=0)]
)


class HordeImagePopPayload(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    prompt: Annotated[
        str, Field(description='The prompt; text after `###` is the negative prompt.')
    ]
    ddim_steps: Annotated[
        int, Field(description="Sampling steps (the request's `steps`).", ge=1, le=500)
    ]
    seed: Annotated[
        int,
        Field(
            description="The first image's seed (an integer here, a string on the status).",
            ge=0,
        ),
    ]
    seeds: Annotated[
        list[HordeImagePopPayloadSeed] | None,
        Field(
            description='AIPG. One seed per image, in `ids` order (workers fill in random ones when it is absent or short).'
        ),
    ] = None
    batch_size: Annotated[
        int | None,
        Field(
            description='AIPG. How many images this job makes (the length of `ids`).',
            ge=1,
            le=20,
        ),
    ] = None
    n_iter: Annotated[
        int | None, Field(description='Equal to `batch_size`.', ge=1, le=20)
    ] = None
    sampler_name: Annotated[HordeSampler, Field(description='The sampler.')]
    cfg_scale: Annotated[
        float, Field(description='Classifier-free guidance scale.', ge=0.0, le=100.0)
    ]
    width: Annotated[int, Field(description='Image width in pixels.', ge=64, le=3072)]
    height: Annotated[int, Field(description='Image height in pixels.', ge=64, le=3072)]
    karras: Annotated[
        bool,
        Field(
            description='`true` → the Karras noise schedule (the pop payload defaults it to `true`).'
        ),
    ] = True
    use_nsfw_censor: Annotated[
        bool | None,
        Field(
            description='`true` → censor NSFW output (the request was not NSFW and asked for censoring).'
        ),
    ] = None
    denoising_strength: Annotated[
        float | None,
        Field(
            description='img2img: how far the result may move away from the source.',
            ge=0.01,
            le=1.0,
        ),
    ] = None
    hires_fix: Annotated[
        bool | None,
        Field(description='`true` → draw small first, then upscale and refine.'),
    ] = None
    hires_fix_denoising_strength: Annotated[
        float | None,
        Field(
            description='The denoising strength of the hires-fix pass.', ge=0.01, le=1.0
        ),
    ] = None
    clip_skip: Annotated[
        int | None, Field(description='Text-encoder layers to skip.', ge=1, le=12)
    ] = None
    tiling: Annotated[
        bool | None, Field(description='`true` → a seamlessly tiling image.')
    ] = None
    facefixer_strength: Annotated[
        float | None, Field(description='Face-fixer strength.', ge=0.0, le=1.0)
    ] = None
    post_processing: Annotated[
        list[HordePostProcessor] | None,
        Field(description='Post-processors to run, in order.'),
    ] = None
    control_type: Annotated[
        HordeControlType | None, Field(description='ControlNet map kind.')
    ] = None
    image_is_control: Annotated[
        bool | None, Field(description='`true` → the source image is the control map.')
    ] = None
    return_control_map: Annotated[
        bool | None,
        Field(description='`true` → return the control map instead of the image.'),
    ] = None
    loras: Annotated[list[HordeLora] | None, Field(description='LoRAs to apply.')] = (
        None
    )
    tis: Annotated[
        list[HordeTextualInversion] | None,
        Field(description='Textual inversions to apply.'),
    ] = None
    special: Annotated[
        dict[str, Any] | None, Field(description='Special-workflow settings.')
    ] = None
    workflow: Annotated[
        Literal['qr_code'] | None, Field(description='A special workflow.')
    ] = None
    transparent: Annotated[
        bool | None, Field(description='`true` → a transparent background.')
    ] = None
    extra_texts: Annotated[
        list[HordeExtraText] | None,
        Field(description='Texts for workflows that take them.'),
    ] = None


class HordeImageSubmitRequest(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    id: Annotated[UUID, Field(description="One generation id from the pop's `ids`.")]
    generation: Annotated[
        str,
        Field(
            description='`R2` when the image was uploaded to its `r2_uploads` URL; otherwise the image bytes as base64 (WebP, PNG or\nJPEG); `""` with `state: faulted`. The grid checks the image either way (see `HordeImagePopResponse.r2_uploads`):\none that is missing, not an image, or not matching `sha256` fails the generation (re-queued, reward 0, still\n200), as a faulted submit does.\n'
        ),
    ]
    state: Annotated[
        HordeGenerationState,
        Field(
            description='`faulted` aborts the generation and re-queues it (reward 0, still 200). `censored` stores it censored and\nthe requester is not charged.\n'
        ),
    ] = 'ok'
    seed: Annotated[
        int,
        Field(
            description="The seed the image was made with (required by the server's model).",
            ge=0,
        ),
    ]
    censored: Annotated[
        bool, Field(description='`true` → the worker censored the image.')
    ] = False
    gen_metadata: Annotated[
        list[HordeGenMetadata] | None,
        Field(
            description='Notes about the image (`{type: censorship, value: csam}` marks it censored), at most 50.',
            max_length=50,
        ),
    ] = None
    media_type: Annotated[
        HordeMediaType | None,
        Field(
            description='AIPG (comfy-bridge sends it). Whether the upload is an image or a video.'
        ),
    ] = None
    tags: Annotated[
        list[str] | None, Field(description='AIPG. Tags stored with the generation.')
    ] = None
    r2_download_url: Annotated[
        str | None,
        Field(
            description='AIPG. Where the worker uploaded the file, if not to its `r2_uploads` URL (stored, not served).'
        ),
    ] = None
    file_size: Annotated[
        int | None, Field(description="AIPG. The uploaded file's size in bytes.", ge=0)
    ] = None
    sha256: Annotated[
        str | None,
        Field(
            description='Mock grid: the lowercase hex SHA-256 of the image bytes; when it is sent, the stored object must match it.\nNot a Horde field (reGen and comfy-bridge do not send it).\n',
            pattern='^[0-9a-f]{64}$',
        ),
    ] = None


class HordeImageProgressRequest(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    id: Annotated[
        UUID,
        Field(
            description="The generation id (any of the job's `ids`; the report counts for every image of the job)."
        ),
    ]
    current_step: Annotated[
        int, Field(description='The step the worker has reached.', ge=0)
    ]
    total_steps: Annotated[
        int, Field(description='The steps the generation takes in all.', ge=1)
    ]


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
            description='Average speed of the workers serving it (tokens per second for text, megapixel-steps per second for images; the mock grid reports 0 for image models).'
        ),
    ] = None
    queued: Annotated[
        float | None,
        Field(
            description='Work waiting for it (tokens for text, megapixel-steps for images; the mock grid reports 0 for image models).'
        ),
    ] = None
    jobs: Annotated[float | None, Field(description='Requests waiting for it.')] = None
    eta: Annotated[
        int | None,
        Field(
            description='Estimated seconds to clear its queue (the mock grid reports 0 for image models).'
        ),
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


class HordeNewspiece(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    date_published: Annotated[
        str, Field(description='The day it was published, `YYYY-MM-DD`.')
    ]
    newspiece: Annotated[str, Field(description='The news itself.')]
    importance: Annotated[
        str,
        Field(
            description='How much it matters (`Information`, `Workers`, `Crisis`, …).'
        ),
    ]
    tags: Annotated[list[str] | None, Field(description='Its topics.')] = None
    title: Annotated[str | None, Field(description='Its title.')] = None
    more_info_urls: Annotated[
        list[str] | None, Field(description='Where to read more.')
    ] = None


class HordeModes(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    maintenance_mode: Annotated[
        bool,
        Field(
            description='The Horde takes no new requests and finishes the queued ones.'
        ),
    ]
    invite_only_mode: Annotated[
        bool, Field(description='Only invited workers may join.')
    ]
    raid_mode: Annotated[
        bool | None,
        Field(
            description='The Horde hides some details to throw off attackers (moderators only).'
        ),
    ] = None


class HordeTextStatsPeriod(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    requests: Annotated[
        int, Field(description='Text generations finished in the period.', ge=0)
    ]
    tokens: Annotated[
        int,
        Field(
            description='Their tokens (the Horde: the requested `max_length`; the mock grid: the tokens it counted).',
            ge=0,
        ),
    ]


class HordeTextStatsTotals(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    minute: Annotated[HordeTextStatsPeriod, Field(description='The past minute.')]
    hour: Annotated[HordeTextStatsPeriod, Field(description='The past hour.')]
    day: Annotated[HordeTextStatsPeriod, Field(description='The past day.')]
    month: Annotated[HordeTextStatsPeriod, Field(description='The past 30 days.')]
    total: Annotated[HordeTextStatsPeriod, Field(description='All time.')]


HordeTextModelStatsDayAdditionalProperty = TypeAliasType(
    "HordeTextModelStatsDayAdditionalProperty", Annotated[int, Field(ge=0)]
)


HordeTextModelStatsMonthAdditionalProperty = TypeAliasType(
    "HordeTextModelStatsMonthAdditionalProperty", Annotated[int, Field(ge=0)]
)


HordeTextModelStatsTotalAdditionalProperty = TypeAliasType(
    "HordeTextModelStatsTotalAdditionalProperty", Annotated[int, Field(ge=0)]
)


class HordeTextModelStats(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    day: Annotated[
        dict[str, HordeTextModelStatsDayAdditionalProperty],
        Field(description='Generations per model in the past day.'),
    ]
    month: Annotated[
        dict[str, HordeTextModelStatsMonthAdditionalProperty],
        Field(description='Generations per model in the past 30 days.'),
    ]
    total: Annotated[
        dict[str, HordeTextModelStatsTotalAdditionalProperty],
        Field(description='Generations per model in all.'),
    ]


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


class WorkerVerificationBenchmark(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    tokens_per_s: Annotated[
        float | None,
        Field(
            description='Decode speed, tokens per second after the first token (null when it could not be measured).',
            ge=0.0,
        ),
    ]
    ttft: Annotated[
        float | None,
        Field(
            description='Time to first token, seconds (null when the worker did not stream).',
            ge=0.0,
        ),
    ]


class WorkerVerificationCanaries(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    passed: Annotated[int, Field(description='Answered right and in time.', ge=0)]
    failed: Annotated[
        int, Field(description='Each failed canary lowers its reputation.', ge=0)
    ]


class WorkerVerification(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    state: Annotated[
        Literal['pending', 'verified', 'failed'],
        Field(
            description='`pending`: it has not passed a probe yet and gets no job but its probe. `verified`: it passed one and takes\njobs. `failed`: its last probe was wrong or too slow; it gets no job until a later probe (`next_probe_at`)\npasses.\n'
        ),
    ]
    next_probe_at: Annotated[
        int | None,
        Field(
            description='Unix seconds when the next probe is due after a failed one (sent once the worker is online), else null.'
        ),
    ]
    probes_failed: Annotated[
        int,
        Field(
            description='Probes failed in a row; the wait before the next one doubles with each.',
            ge=0,
        ),
    ]
    last_failure: Annotated[
        str | None,
        Field(
            description='Why its last failed probe or canary failed (wrong answer, too slow, an error), else null.'
        ),
    ]
    benchmark: Annotated[
        WorkerVerificationBenchmark | None,
        Field(
            description='What its last passed probe or canary measured, null before one passed.'
        ),
    ]
    canaries: Annotated[
        WorkerVerificationCanaries,
        Field(description='The canaries it answered since it registered first.'),
    ]


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


class RoutingExplanation(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    requested: Annotated[
        str, Field(description='The model the request named (`auto`, a concrete name).')
    ]
    resolved: Annotated[
        str | None,
        Field(
            description="The concrete model an `auto*` request was resolved to (the live grid's field; the mock grid sends it too)."
        ),
    ] = None
    model: Annotated[
        str | None,
        Field(
            description='Mock grid, the model that served it (always sent, `auto*` or not).'
        ),
    ] = None
    model_rule: Annotated[
        str | None, Field(description='How a virtual `auto*` model was resolved.')
    ] = None
    fallbacks: Annotated[
        list[RoutingExplanationFallback] | None,
        Field(
            description="Models of the request's `models` list passed over, and why."
        ),
    ] = None
    decided: Annotated[
        Literal['routed', 'queued'] | None,
        Field(
            description='`routed`: picked by the router among the free workers; `queued`: taken from the queue by a worker that freed up.'
        ),
    ] = None
    rule: Annotated[
        str | None, Field(description='The rule that picked the winner, in words.')
    ] = None
    considered: Annotated[
        int | None,
        Field(
            description="`routed`: the free workers serving the request's models that the router looked at (at most 64, plus the pop workers standing by).",
            ge=0,
        ),
    ] = None
    eligible: Annotated[
        int | None,
        Field(description='`routed`: of those, the ones that could take it.', ge=0),
    ] = None
    rejected: Annotated[
        dict[str, RoutingExplanationRejectedAdditionalProperty] | None,
        Field(
            description='`routed`: why the others could not, by reason (the Horde pop `skipped` reasons).'
        ),
    ] = None
    winner: Annotated[
        RoutingScores | None, Field(description="`routed`: the winner's scores.")
    ] = None
    runners_up: Annotated[
        list[RoutingExplanationRunnersUpItem] | None,
        Field(description='`routed`: the best of the rest, best first.', max_length=3),
    ] = None
    attempt: Annotated[
        int | None,
        Field(
            description='Which attempt at the job this answer is (1 unless an earlier worker failed it).',
            ge=1,
        ),
    ] = None
    waited: Annotated[
        float | None,
        Field(
            description='Seconds the job waited in the queue before this worker took it.',
            ge=0.0,
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
    region: Annotated[
        str | None,
        Field(
            description='Mock grid, where the worker says it runs (null when it did not say).'
        ),
    ] = None
    reputation: Annotated[
        float | None,
        Field(
            description='Mock grid: 0–100, 50 for a new worker. Rises with completed jobs and uptime, falls with faults, strikes, timeouts\nand jobs the worker gave back; the marks fade with a 1-hour half-life, so it recovers with time. It weighs the\nworker\'s share of traffic (docs/mock-grid-core.md "Reputation").\n',
            ge=0.0,
            le=100.0,
        ),
    ] = None
    reliability: Annotated[
        float | None,
        Field(
            description='Mock grid, its recent share of jobs that went well (10-minute half-life; 0.9 with no record).',
            ge=0.0,
            le=1.0,
        ),
    ] = None
    tokens_per_s: Annotated[
        float | None,
        Field(
            description='Mock grid, its measured decode speed (megapixel-steps/s for an image worker), null until measured.',
            ge=0.0,
        ),
    ] = None
    ttft: Annotated[
        float | None,
        Field(
            description='Mock grid, its measured time to first token in seconds, null until measured.',
            ge=0.0,
        ),
    ] = None
    uptime: Annotated[
        int | None,
        Field(
            description='Mock grid, seconds it has been online in all (as `HordeWorkerDetails.uptime`).',
            ge=0,
        ),
    ] = None
    verification: Annotated[
        WorkerVerification | None,
        Field(
            description='Mock grid, its probes and canaries; null when the grid does not verify it.'
        ),
    ] = None


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


class ImageGenerationRequest(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    prompt: Annotated[
        str, Field(description='What to draw. An empty prompt is a 422.', min_length=1)
    ]
    model: Annotated[
        str,
        Field(
            description='An image model some connected worker serves. An offline model is a 404 (never substituted); no image worker\nonline at all is a 503.\n',
            min_length=1,
        ),
    ] = 'FLUX.2 [klein]'
    n: Annotated[
        int,
        Field(
            description='How many images, 1–4. Each is its own generation with its own seed (`Image.seed`).',
            ge=1,
            le=4,
        ),
    ] = 1
    size: Annotated[
        str,
        Field(
            description="`WIDTHxHEIGHT` in pixels. Each side is 256–1536 (`x-min-side`, `x-max-side`) and a multiple of 64\n(`x-side-multiple`), as the models' parameter schemas (`GET /v1/models/{id}/params`) state; anything else\nis a 422 naming `size` and the range. OpenAI's `auto` is not accepted.\n",
            pattern='^[1-9][0-9]{1,3}x[1-9][0-9]{1,3}$',
        ),
    ] = '1024x1024'
    quality: Annotated[
        Literal['auto', 'standard', 'hd', 'low', 'medium', 'high'] | None,
        Field(
            description='Accepted for OpenAI compatibility and ignored; `steps` sets how much work an image gets.'
        ),
    ] = None
    response_format: Annotated[
        Literal['url', 'b64_json'],
        Field(
            description="`url`: each image is a signed, expiring download URL (`Image.url`, valid 1800 s on the mock grid's object\nstore); `b64_json`: the image bytes, base64-encoded, in the body (`Image.b64_json`).\n"
        ),
    ] = 'url'
    output_format: Annotated[
        ImageOutputFormat,
        Field(
            description='The file type of the images. The bytes really are of this type (the grid checks them).'
        ),
    ] = 'png'
    image: Annotated[
        str | None,
        Field(
            description='Image-to-image: the source picture, as raw base64 or a `data:image/…;base64,…` URI, at most 12 MB decoded\n(`x-max-bytes`; more is a 413). Only workers that registered `allow_img2img` get the job. `strength` says\nhow far the result may move away from it.\n',
            min_length=1,
        ),
    ] = None
    strength: Annotated[
        float,
        Field(
            description='Image-to-image denoising strength: 0.01 keeps the source almost unchanged, 1 ignores it. Only read with\n`image`. A model that does not support it is a 422 (live server and mock grid alike).\n',
            ge=0.01,
            le=1.0,
        ),
    ] = 0.75
    denoise: Annotated[
        float | None,
        Field(
            description='Alias of `strength`; if both are sent they must be equal (else 422).',
            ge=0.01,
            le=1.0,
        ),
    ] = None
    negative_prompt: Annotated[
        str | None, Field(description='What the image should not show.')
    ] = None
    steps: Annotated[
        int,
        Field(
            description="Sampling steps, 1–80. More steps cost more (the price is per megapixel-step). The live server uses the\nmodel recipe's own default when it is omitted; the mock grid uses 30.\n",
            ge=1,
            le=80,
        ),
    ] = 30
    cfg_scale: Annotated[
        float,
        Field(
            description='How strictly the image follows the prompt (classifier-free guidance), 0–30.',
            ge=0.0,
            le=30.0,
        ),
    ] = 7.5
    sampler: Annotated[
        HordeSampler | None,
        Field(
            description="The sampler, by the Horde's names (`HordeSampler`). The live server's accepted names depend on the model's\nrecipe (`GET /v1/models/{id}/params`); the mock grid takes the Horde's names and refuses others with a 422.\n"
        ),
    ] = None
    seed: Annotated[
        int | None,
        Field(
            description="Seed of the first image; image `i` (0-based) gets `seed + i`, so the images of one request differ. Absent:\nthe grid picks a random seed per image. Each image's seed comes back in `Image.seed`.\n",
            ge=0,
            le=9007199254740991,
        ),
    ] = None
    loras: Annotated[
        list[ImageLora] | None,
        Field(
            description="LoRAs to apply, at most 5 (the AI Horde's limit, so a job from either door fits one worker contract). Only\nworkers that registered `allow_lora` get the job.\n",
            max_length=5,
        ),
    ] = None
    worker: Annotated[
        str | None,
        Field(
            description='Affinity to a worker the caller owns, by name: the job goes to that worker when it is online and serves the\nmodel (a soft preference: otherwise any worker may take it).\n',
            min_length=1,
        ),
    ] = None
    style: Annotated[
        str | None,
        Field(
            description="AIPG: a stored style by name (`GET /v1/styles`) whose prompt and parameters are applied. Not OpenAI's\n`style` (`vivid` / `natural`), which is a different thing with the same name.\n"
        ),
    ] = None
    progress_token: Annotated[
        str | None,
        Field(
            description='A client-chosen token (1–128 characters of `A–Z a–z 0–9 _ . -`). While the request runs,\n`GET /v1/progress/{token}` reports how far it is; choose an unguessable one (e.g. a random UUID). The\nlive server takes any string.\n',
            pattern='^[A-Za-z0-9_.-]{1,128}$',
        ),
    ] = None
    dry_run: Annotated[
        bool,
        Field(
            description="AIPG extension (mock grid), as the Horde's `dry_run`: `true` → the answer is an `ImageQuote`: what the\nrequest would cost. Nothing is queued or charged. The key, the body's checks (422), the rate limit (a quote\ncounts as a request) and the model (a worker online that serves it: 503, 404) apply as for a real request;\nthe in-flight caps do not, and a source `image` is not read.\n"
        ),
    ] = False


class Image(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    url: Annotated[
        AnyUrl | None,
        Field(
            description='`response_format: url`: a signed download URL (mock grid: valid 1800 s; a changed or expired URL is a 403).\n'
        ),
    ] = None
    b64_json: Annotated[
        str | None,
        Field(
            description='`response_format: b64_json`: the image bytes, base64-encoded.'
        ),
    ] = None
    revised_prompt: Annotated[
        str | None,
        Field(
            description="The prompt the image was made from (the request's own, after any `style` was applied)."
        ),
    ] = None
    seed: Annotated[
        int | None, Field(description='The seed this image was made with.', ge=0)
    ] = None
    worker: Annotated[
        str | None,
        Field(
            description='The name of the worker that made it (mock grid; the live server reports workers in `grid`).'
        ),
    ] = None
    routing: Annotated[
        RoutingExplanation | None,
        Field(description='Mock grid, why this image went to its worker.'),
    ] = None


class UsageReport(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    object: Annotated[
        Literal['usage.report'], Field(description='Always `usage.report`.')
    ]
    start_date: Annotated[
        date_aliased, Field(description='The first UTC day covered (`YYYY-MM-DD`).')
    ]
    end_date: Annotated[
        date_aliased, Field(description='The last UTC day covered, inclusive.')
    ]
    data: Annotated[
        list[UsageRow], Field(description='One row per model and day with any use.')
    ]
    total: Annotated[UsageTotals, Field(description='The rows summed.')]


class WsMediaJobPayload(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    prompt: Annotated[
        str,
        Field(
            description="What to draw (a Horde request's text after `###` arrives as `negative_prompt`)."
        ),
    ]
    n: Annotated[
        int,
        Field(
            description="How many outputs this job makes (the length of `seeds` and of the job's `upload`).",
            ge=1,
            le=20,
        ),
    ]
    width: Annotated[int, Field(description='Output width in pixels.', ge=64, le=3072)]
    height: Annotated[
        int, Field(description='Output height in pixels.', ge=64, le=3072)
    ]
    steps: Annotated[int, Field(description='Sampling steps.', ge=1, le=500)]
    sampler_name: Annotated[
        str,
        Field(
            description="The sampler. The mock grid sends the Horde's names (`HordeSampler`); the live server passes on what the\nclient asked for.\n"
        ),
    ]
    cfg_scale: Annotated[
        float, Field(description='Classifier-free guidance scale.', ge=0.0, le=100.0)
    ]
    ext: Annotated[
        Literal['webp', 'png', 'jpg', 'mp4', 'wav', 'glb'],
        Field(
            description="The output file type (matches every slot's `content_type`; `/v1`'s `jpeg` is `jpg` here)."
        ),
    ]
    seed: Annotated[
        int, Field(description="The first output's seed (`seeds[0]`).", ge=0)
    ]
    seeds: Annotated[
        list[WsMediaJobPayloadSeed],
        Field(
            description='One seed per output, in slot order.',
            max_length=20,
            min_length=1,
        ),
    ]
    negative_prompt: Annotated[
        str | None, Field(description='What the output should not show.')
    ] = None
    source_image_url: Annotated[
        AnyUrl | None,
        Field(
            description='img2img and painting: a signed download URL of the source picture.'
        ),
    ] = None
    source_processing: Annotated[
        Literal['img2img', 'inpainting', 'outpainting'] | None,
        Field(
            description='Mock grid: what to do with `source_image_url` (`img2img` when absent). The live server sends only\n`source_image_url` (img2img).\n'
        ),
    ] = None
    source_mask_url: Annotated[
        AnyUrl | None,
        Field(
            description='Mock grid, painting: a signed download URL of the mask. The live server does not send it.'
        ),
    ] = None
    denoising_strength: Annotated[
        float | None,
        Field(
            description='img2img: how far the output may move away from the source. The live server carries it in `recipe_inputs`.\n',
            ge=0.01,
            le=1.0,
        ),
    ] = None
    loras: Annotated[list[ImageLora] | None, Field(description='LoRAs to apply.')] = (
        None
    )
    control_type: Annotated[
        HordeControlType | None,
        Field(
            description='Mock grid, ControlNet: the kind of map to derive from the source. The live server does not send it.'
        ),
    ] = None
    post_processing: Annotated[
        list[HordePostProcessor] | None,
        Field(
            description='Mock grid: post-processors to run on each output, in order. The live server does not send it.'
        ),
    ] = None
    recipe_inputs: Annotated[
        dict[str, Any] | None,
        Field(
            description='Model-recipe settings beyond these fields (their keys vary by model).'
        ),
    ] = None


class WsMediaJob(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[
        Literal['job'],
        Field(
            description='Always `job` (as for a text job; `job_type` tells them apart).'
        ),
    ]
    id: Annotated[
        str, Field(description='The job id; every frame about this job carries it.')
    ]
    job_type: Annotated[
        Literal['image', 'video', 'audio', '3d'],
        Field(
            description='What the job makes (one of the media kinds the worker registered).'
        ),
    ]
    model: Annotated[
        str, Field(description='The model to run, one the worker registered.')
    ]
    payload: Annotated[WsMediaJobPayload, Field(description='What to make.')]
    upload: Annotated[
        list[WsUploadSlot],
        Field(
            description='One upload slot per output, in `seeds` order. Outputs beyond the slots are dropped.',
            max_length=20,
            min_length=1,
        ),
    ]


WsMediaServerFrame = TypeAliasType(
    "WsMediaServerFrame",
    Annotated[
        WsReady | WsServerError | WsPing | WsMediaJob | WsCancel | WsAck,
        Field(
            description='Every server → worker frame of a media session, told apart by `type`.',
            discriminator='type',
        ),
    ],
)


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
    routing: Annotated[
        RoutingExplanation | None,
        Field(
            description='Mock grid: why this generation went to its worker, as `grid.routing` says on /v1.'
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


class HordeImageParams(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    sampler_name: Annotated[HordeSampler, Field(description='The sampler.')] = (
        'k_euler_a'
    )
    cfg_scale: Annotated[
        float,
        Field(
            description='How strictly the image follows the prompt (classifier-free guidance), 0–100.',
            ge=0.0,
            le=100.0,
        ),
    ] = 7.5
    denoising_strength: Annotated[
        float,
        Field(
            description='img2img: how far the result may move away from `source_image` (0.01 barely, 1 ignores it).',
            ge=0.01,
            le=1.0,
        ),
    ] = 0.75
    hires_fix_denoising_strength: Annotated[
        float,
        Field(
            description='The denoising strength of the second pass of `hires_fix`.',
            ge=0.01,
            le=1.0,
        ),
    ] = 0.65
    width: Annotated[
        int,
        Field(
            description='Image width in pixels, 64–3072, a multiple of 64.',
            ge=64,
            le=3072,
            multiple_of=64,
        ),
    ] = 512
    height: Annotated[
        int,
        Field(
            description='Image height in pixels, 64–3072, a multiple of 64.',
            ge=64,
            le=3072,
            multiple_of=64,
        ),
    ] = 512
    steps: Annotated[
        int,
        Field(
            description="Sampling steps, 1–500. Workers that pop with `limit_max_steps` only take requests within their model's limit.",
            ge=1,
            le=500,
        ),
    ] = 30
    n: Annotated[
        int,
        Field(
            description="Images wanted, 1–20; each is its own generation with its own id and seed. AIPG batches atomically: a worker\ngets all `n` at once and only if it popped with `amount ≥ n`, so `n > 1` starves behind workers that pop with\nthe default `amount: 1`. The mock grid instead splits the `n` images into jobs of at most the worker's\n`amount`, so several workers share a request.\n",
            ge=1,
            le=20,
        ),
    ] = 1
    seed: Annotated[
        str | None,
        Field(
            description='The seed, as a **string**. A string of digits is the number itself; any other string is hashed to one.\nImage `i` (0-based) of the request gets `seed + i × seed_variation`. Absent: every image gets a random seed.\n',
            max_length=256,
        ),
    ] = None
    seed_variation: Annotated[
        int,
        Field(
            description="The step between the seeds of a request's images, when `seed` is set.",
            ge=1,
            le=1000,
        ),
    ] = 1
    post_processing: Annotated[
        list[HordePostProcessor],
        Field(
            description='Post-processors to run on each image, in order (face fixers, upscalers, background removal); only workers\nthat allow post-processing get the request.\n',
            max_length=8,
        ),
    ] = []
    karras: Annotated[
        bool, Field(description='`true` → the Karras noise schedule.')
    ] = False
    tiling: Annotated[
        bool, Field(description='`true` → an image that tiles seamlessly.')
    ] = False
    hires_fix: Annotated[
        bool,
        Field(
            description='`true` → draw small first, then upscale and refine (better large images).'
        ),
    ] = False
    clip_skip: Annotated[
        int,
        Field(
            description="How many of the text encoder's last layers to skip, 1–12.",
            ge=1,
            le=12,
        ),
    ] = 1
    facefixer_strength: Annotated[
        float,
        Field(
            description='How strongly `GFPGAN` / `CodeFormers` fix faces, 0–1.',
            ge=0.0,
            le=1.0,
        ),
    ] = 0.75
    control_type: Annotated[
        HordeControlType | None,
        Field(
            description='ControlNet: guide the image by this kind of map of `source_image`. Only workers that allow ControlNet get\nthe request; Flux and Stable Cascade models refuse it (400 `ControlNetMismatch`).\n'
        ),
    ] = None
    image_is_control: Annotated[
        bool,
        Field(
            description='`true` → `source_image` already is the control map (it is not derived).'
        ),
    ] = False
    return_control_map: Annotated[
        bool, Field(description='`true` → return the control map instead of the image.')
    ] = False
    loras: Annotated[
        list[HordeLora] | None,
        Field(
            description='LoRAs to apply, at most 5; only workers that allow LoRAs get the request.',
            max_length=5,
        ),
    ] = None
    tis: Annotated[
        list[HordeTextualInversion] | None,
        Field(
            description='Textual inversions (embeddings) to apply, at most 20.',
            max_length=20,
        ),
    ] = None
    special: Annotated[
        dict[str, Any] | None,
        Field(
            description='Free-form settings for special workflows (read by workers that know them).'
        ),
    ] = None
    workflow: Annotated[
        Literal['qr_code'] | None,
        Field(
            description='A special workflow (`qr_code`: a scannable QR code made from `extra_texts`).'
        ),
    ] = None
    transparent: Annotated[
        bool,
        Field(
            description='`true` → a transparent background (only workers with the layer-diffuse capability).'
        ),
    ] = False
    extra_texts: Annotated[
        list[HordeExtraText] | None,
        Field(
            description="Texts for workflows that take them (e.g. the QR code's content)."
        ),
    ] = None


class HordeImageStatus(HordeImageCheck):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    generations: Annotated[
        list[HordeImageGeneration], Field(description='The finished images so far.')
    ]
    shared: Annotated[
        bool,
        Field(
            description="Whether the request's images may be shared (`shared` of the request)."
        ),
    ]


class HordeImagePopResponse(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    id: Annotated[
        UUID | None,
        Field(
            description='The first generation id (`ids[0]`), or `null` when there is no job.'
        ),
    ]
    ids: Annotated[
        list[UUID],
        Field(
            description='One generation id per image of the job, in `payload.seeds` order; empty when there is no job.'
        ),
    ]
    payload: Annotated[
        HordeImagePopPayload | dict[str, Any] | None,
        Field(
            description='The job, or an empty object `{}` when there is no job (as for text).'
        ),
    ] = None
    model: Annotated[
        str | None, Field(description='The model to use (AIPG returns it lower-cased).')
    ] = None
    ttl: Annotated[
        int | None,
        Field(
            description='Seconds before the job counts as stale and is re-queued (AIPG: 600 for images, 7200 for video; upstream\n`30 + 2 × steps × megapixels`, at least 150).\n'
        ),
    ] = None
    source_image: Annotated[
        str | None,
        Field(
            description='The source picture: a download URL when the bridge can fetch one (`r2_source`), else base64 WebP.\n'
        ),
    ] = None
    source_processing: Annotated[
        HordeSourceProcessing | None,
        Field(
            description='What to do with `source_image` (`txt2img` when there is none).'
        ),
    ] = None
    source_mask: Annotated[
        str | None, Field(description='The painting mask, like `source_image`.')
    ] = None
    media_type: Annotated[
        HordeMediaType | None,
        Field(description='AIPG. Whether the job makes images or a video.'),
    ] = None
    extra_source_images: Annotated[
        list[HordeExtraSourceImage] | None,
        Field(
            description='Further source pictures, only for bridges that can use them.'
        ),
    ] = None
    r2_upload: Annotated[
        AnyUrl | None,
        Field(
            description="Signed `PUT` URL for the first image (`ids[0]`), valid 1800 s. A `PUT` after it expires, or to a changed\nURL, is refused with 403 (mock grid). The `Content-Type` header may be left out (reGen sends none) or be\nthe image's type.\n"
        ),
    ] = None
    r2_uploads: Annotated[
        list[AnyUrl] | None,
        Field(
            description='AIPG. One signed `PUT` URL per id, in `ids` order (`r2_uploads[0]` is `r2_upload`), each valid 1800 s.\nOn submit the grid checks that the object exists, that its bytes are a WebP, PNG or JPEG image by their\nmagic bytes (of the `Content-Type` the `PUT` declared, when it declared one) and, when the submit carries\n`sha256`, that they match it; otherwise the generation fails (re-queued, the worker earns nothing).\n'
        ),
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
    region: Annotated[
        str | None, Field(description='Mock grid, where the worker says it runs.')
    ] = None
    reputation: Annotated[
        float | None,
        Field(
            description='Mock grid, its reputation (`WorkerSummary.reputation`).',
            ge=0.0,
            le=100.0,
        ),
    ] = None
    verification: Annotated[
        WorkerVerification | None,
        Field(
            description='Mock grid, its probes and canaries (`WorkerSummary.verification`).'
        ),
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
    models: Annotated[
        list[ChatCompletionRequestModel] | None,
        Field(
            description="Mock grid: fallback models, tried after `model` in this order (OpenRouter's `models`). The request is served\nwith the first of `[model, ...models]` that has a free worker, or, while every worker is busy, by whichever\nworker of those models frees up first; models with no online worker are passed over (listed in\n`grid.routing.fallbacks`). With `routing.sort: price` the cheapest model comes first. The reply's `model`\nsays which one served it. At most 8.\n",
            max_length=8,
        ),
    ] = None
    route: Annotated[
        Literal['fallback'] | None,
        Field(
            description="OpenRouter's legacy switch for `models`; `fallback` is the only mode and the default."
        ),
    ] = None
    routing: Annotated[
        RoutingPreferences | None,
        Field(
            description='Mock grid, how the request wants its worker chosen; see `RoutingPreferences`.'
        ),
    ] = None
    dry_run: Annotated[
        bool,
        Field(
            description="AIPG extension (mock grid), as the Horde's `dry_run`: `true` → the answer is a `ChatQuote` (JSON, even with\n`stream: true`): what the request would cost. Nothing is queued, charged or counted in the key's usage. The\nkey, the body's checks and sizes (413, 422), the rate limit (a quote counts as a request) and the model\n(online, or `auto` routed) apply as for a real request; the in-flight cap does not.\n"
        ),
    ] = False


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
        RoutingExplanation | None,
        Field(
            description='Why the request went where it went. The live grid sends it only for a virtual `auto*` model; the mock grid\non every answer.\n'
        ),
    ] = None
    signature: Annotated[
        ResultSignature | None,
        Field(
            description="The worker's signature of the result, when it signed one (mock grid; the live grid does not expose it).\nWith `n > 1` it is the signature of the choice this metadata describes (the last one to finish); the\nHorde status has one per generation.\n"
        ),
    ] = None
    den: Annotated[
        float | None,
        Field(
            description="AIPG extension (mock grid): what the request was charged, in den, for all its choices (`n > 1`: their sum):\nper choice `round2(round2(completion_tokens × den_per_token) + fee)` at the rate its `ChatQuote` shows, 0 for\na censored reply. On a job's own `done` event it is that job's charge.\n",
            ge=0.0,
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


class ImagesResponse(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    created: Annotated[
        int, Field(description='When the request was answered, in Unix seconds.', ge=0)
    ]
    data: Annotated[
        list[Image], Field(description='One entry per image (`n` of them).')
    ]
    output_format: Annotated[
        ImageOutputFormat | None,
        Field(
            description='The file type of every image (mock grid; the live server does not send it).'
        ),
    ] = None
    size: Annotated[
        str | None,
        Field(
            description="The images' `WIDTHxHEIGHT` (mock grid; the live server does not send it)."
        ),
    ] = None
    grid: Annotated[
        ImageGridMetadata | None,
        Field(
            description='Grid provenance (`ImageGridMetadata`); standard OpenAI clients ignore it.'
        ),
    ] = None


class JobDoneEvent(JobEventBase):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[Literal['done'], Field(description='Always `done`.')]
    final: Annotated[
        bool | None,
        Field(
            description="Present (true) on the event that ends the request's last generation; the stream ends after it."
        ),
    ] = None
    text: Annotated[
        str | None,
        Field(
            description="Text jobs — the generation's text (the streamed text when the worker streamed)."
        ),
    ] = None
    reasoning: Annotated[
        str | None,
        Field(
            description='Text jobs — the reasoning the worker streamed apart from the answer, when there was some.'
        ),
    ] = None
    finish_reason: Annotated[
        str | None,
        Field(
            description='Text jobs — why the generation stopped (`stop`, `length`, …), as on a chat completion.'
        ),
    ] = None
    usage: Annotated[
        CompletionUsage | None,
        Field(description='Text jobs — the tokens as the grid counted them.'),
    ] = None
    grid: Annotated[
        GridMetadata | None,
        Field(
            description='Text jobs — who served it and how fast, as on a chat completion.'
        ),
    ] = None
    image: Annotated[
        JobImageResult | None,
        Field(description='Image jobs — where to fetch the picture.'),
    ] = None


JobEvent = TypeAliasType(
    "JobEvent",
    Annotated[
        JobQueuedEvent | JobRequeuedEvent | JobAssignedEvent | JobProgressEvent | JobTokenEvent | JobDoneEvent | JobFailedEvent | JobFaultedEvent | JobCancelledEvent,
        Field(
            description="One event of a job's stream (AIPG extension). On `GET /v1/jobs/{id}/events` each is one SSE event: `id: <seq>`,\n`event: <type>`, `data: <JobEvent JSON>`.\n",
            discriminator='type',
        ),
    ],
)


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
        WsRegister | WsWorkerFrame | WsServerFrame | WsMediaWorkerFrame | WsMediaServerFrame,
        Field(
            description="Any JSON text message of a worker WebSocket session, either direction: the worker's `WsRegister` first, then\n`WsWorkerFrame`s one way and `WsServerFrame`s the other (a media session: `WsMediaWorkerFrame`s and\n`WsMediaServerFrame`s). The `connectWorker` operation's `101` response names this schema so that code\ngenerators which keep only referenced schemas still emit every frame.\n"
        ),
    ],
)


class ClientWsChatRequest(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[
        Literal['chat.completions'], Field(description='Always `chat.completions`.')
    ]
    id: Annotated[
        ClientWsRequestId, Field(description="The client's id for this request.")
    ]
    body: Annotated[
        ChatCompletionRequest,
        Field(description='The `POST /v1/chat/completions` body.'),
    ]


class ClientWsJobSubmit(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[Literal['jobs.submit'], Field(description='Always `jobs.submit`.')]
    id: Annotated[
        ClientWsRequestId, Field(description="The client's id for this request.")
    ]
    body: Annotated[
        HordeTextAsyncRequest,
        Field(description='The `POST /api/v2/generate/text/async` body.'),
    ]


ClientWsClientFrame = TypeAliasType(
    "ClientWsClientFrame",
    Annotated[
        ClientWsAuth | ClientWsChatRequest | ClientWsJobSubmit | ClientWsJobSubscribe | ClientWsCancel | ClientWsPing,
        Field(
            description='Every client → grid frame of the client WebSocket, told apart by `type`.',
            discriminator='type',
        ),
    ],
)


class ClientWsEvent(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[Literal['event'], Field(description='Always `event`.')]
    id: Annotated[
        ClientWsRequestId, Field(description='The subscription it belongs to.')
    ]
    event: Annotated[
        JobEvent,
        Field(
            description='The job event, exactly as `GET /v1/jobs/{id}/events` sends it (its `seq` is the one to resume after).'
        ),
    ]


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


class HordeImageAsyncRequest(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    prompt: Annotated[
        str,
        Field(
            description='What to draw; an empty string → 400 `MissingPrompt`. Text after `###` is the negative prompt (the Horde convention: `a cat###blurry, text`); the\nworker splits it.\n'
        ),
    ]
    params: Annotated[
        HordeImageParams | None,
        Field(
            description="Generation parameters; the server's defaults apply to what is left out."
        ),
    ] = None
    models: Annotated[
        list[HordeImageAsyncRequestModel],
        Field(
            description='Acceptable models; a worker serving any of them may take the request. When omitted the server uses\n`["stable_diffusion"]`, which few AIPG workers serve: name the models. Matched case-insensitively.\n'
        ),
    ] = ['stable_diffusion']
    nsfw: Annotated[
        bool,
        Field(
            description='A NSFW request goes only to workers with `nsfw: true`. The parser defaults to `true`; the swagger model says\n`false`.\n'
        ),
    ] = True
    censor_nsfw: Annotated[
        bool,
        Field(
            description='With `nsfw: false`, workers are told to censor NSFW output (`use_nsfw_censor` in the pop payload). The parser\ndefaults to `true`; the swagger model says `false`.\n'
        ),
    ] = True
    trusted_workers: Annotated[
        bool, Field(description='`true` → only trusted workers.')
    ] = False
    validated_backends: Annotated[
        bool,
        Field(
            description='`true` → only workers whose bridge agent is a validated backend. The parser defaults to `false`.'
        ),
    ] = False
    slow_workers: Annotated[
        bool,
        Field(
            description='`false` → only workers faster than 0.5 megapixel-steps per second, and kudos are required upfront.'
        ),
    ] = True
    extra_slow_workers: Annotated[
        bool,
        Field(
            description='`true` → also very slow workers, which are otherwise skipped.'
        ),
    ] = False
    workers: Annotated[
        list[UUID],
        Field(
            description='Worker ids to allow (or to exclude, with `worker_blacklist`). Only the first 5 are kept (`x-kept-items`); an\nunknown id → 404 `WorkerNotFound`.\n'
        ),
    ] = []
    worker_blacklist: Annotated[
        bool, Field(description='`true` → `workers` is a deny list.')
    ] = False
    source_image: Annotated[
        str | None,
        Field(
            description='The source picture for img2img, inpainting, outpainting and ControlNet. AIPG accepts an `http(s)` URL (the\nserver fetches it), a `data:image/…;base64,…` URI or raw base64; upstream AI Horde only base64 WebP. Only\nworkers that allow img2img (or painting, for the painting modes) get the request.\n'
        ),
    ] = None
    source_processing: Annotated[
        HordeSourceProcessing,
        Field(
            description="What to do with `source_image`. AIPG defaults to `txt2img` (upstream AI Horde to `img2img`), so a request\nwith a `source_image` but no `source_processing` ignores the picture on AIPG. The video modes are AIPG's.\n"
        ),
    ] = 'txt2img'
    source_mask: Annotated[
        str | None,
        Field(
            description='Inpainting/outpainting mask (same encodings as `source_image`); only with a painting `source_processing`\n(else 400 `SourceMaskUnnecessary`).\n'
        ),
    ] = None
    media_type: Annotated[
        HordeMediaType | None,
        Field(
            description='AIPG. What the request makes. Absent: `video` if any requested model is a video model, else `image`. On a\nvideo model the image modes are mapped to video ones (`txt2img` → `txt2video`, `img2img` → `img2video`).\n'
        ),
    ] = None
    extra_source_images: Annotated[
        list[HordeExtraSourceImage] | None,
        Field(
            description='Further source pictures for workflows that take several (at most 5; more than 1 needs trust).',
            max_length=5,
        ),
    ] = None
    r2: Annotated[
        bool,
        Field(
            description='`true` → workers upload to the object store and `generations[].img` is a download URL; `false` → `img` is\nthe base64 image (and only workers that can send base64 get the request).\n'
        ),
    ] = True
    shared: Annotated[
        bool,
        Field(
            description='`true` → the images may be shared publicly (for datasets); the requester pays less.'
        ),
    ] = False
    replacement_filter: Annotated[
        bool,
        Field(
            description='`true` → prompts that would be refused as unsafe are rewritten instead.'
        ),
    ] = True
    dry_run: Annotated[
        bool,
        Field(
            description='`true` → only compute the kudos cost: 200 `HordeDryRunResponse`, nothing is queued.'
        ),
    ] = False
    disable_batching: Annotated[
        bool,
        Field(
            description='`true` → each image is handed out on its own (one per pop), so no worker needs `amount ≥ n`. With\n`params.n > 1` it requires a trusted/patron account (400 `RequiresTrust`).\n'
        ),
    ] = False
    allow_downgrade: Annotated[
        bool,
        Field(
            description='Lower the steps and size instead of failing with 403 `KudosUpfront` when the user lacks kudos.'
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
            description='Each finished image is POSTed here (3 tries, 3 s timeout). Must be `https://`.',
            max_length=2048,
            pattern='^https://',
        ),
    ] = None
    style: Annotated[
        str | None,
        Field(description='A stored style to apply to the request.', max_length=2048),
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


class ClientWsChunk(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[Literal['chunk'], Field(description='Always `chunk`.')]
    id: Annotated[
        ClientWsRequestId, Field(description='The request this chunk belongs to.')
    ]
    chunk: Annotated[
        ChatCompletionChunk,
        Field(description='The chunk, as the SSE stream would carry it.'),
    ]


class ClientWsResponse(BaseModel):
    model_config = ConfigDict(
        extra='allow',
        populate_by_name=True,
    )
    type: Annotated[Literal['response'], Field(description='Always `response`.')]
    id: Annotated[ClientWsRequestId, Field(description='The request answered.')]
    result: Annotated[
        ChatCompletion | HordeAsyncResponse,
        Field(description="The HTTP door's success body for the same request."),
    ]


ClientWsServerFrame = TypeAliasType(
    "ClientWsServerFrame",
    Annotated[
        ClientWsReady | ClientWsChunk | ClientWsResponse | ClientWsEvent | ClientWsDone | ClientWsError | ClientWsPong,
        Field(
            description='Every grid → client frame of the client WebSocket, told apart by `type`.',
            discriminator='type',
        ),
    ],
)


ClientWsFrame = TypeAliasType(
    "ClientWsFrame",
    Annotated[
        ClientWsClientFrame | ClientWsServerFrame,
        Field(
            description="Any JSON text message of a client WebSocket session, either direction. The `connectClient` operation's `101`\nresponse names this schema so that code generators which keep only referenced schemas still emit every frame.\n"
        ),
    ],
)

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
    "RoutingExplanationRejectedAdditionalProperty",
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
    "BatchCreateRequestMetadataAdditionalProperty",
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
    "HordeTextModelStatsDayAdditionalProperty",
    "HordeTextModelStatsMonthAdditionalProperty",
    "HordeTextModelStatsTotalAdditionalProperty",
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
