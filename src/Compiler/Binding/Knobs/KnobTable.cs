namespace Reft.Compiler.Binding.Knobs;

/// <summary>
/// Every knob of the language: the binder reads keys, units and defaults from here, and
/// docs/language.md is generated from it, so the two cannot drift.
/// </summary>
public static class KnobTable
{
    private static Knob K(string scope, string key, string type, Unit unit, object? value, string @default, string help, string rules = "", bool positional = false) =>
        new(scope, key, type, unit, value, @default, help, rules, positional);

    // pipeline
    public static readonly Knob Seed = K("pipeline", "seed", "integer", Unit.None, 0, "0", "Seed of every random choice: data order, sampling, skip sets, initialisation.", "≥ 0");
    public static readonly Knob Device = K("pipeline", "device", "auto | cpu | cuda | cuda:N", Unit.None, "auto", "auto", "Where tensors live; auto picks CUDA when present, else the CPU.");
    public static readonly Knob PrecisionKnob = K("pipeline", "precision", "fp32 | bf16", Unit.None, "fp32", "fp32", "Dtype of weights, gradients and activations; AdamW moments stay fp32.");
    public static readonly Knob Prompt = K("pipeline", "prompt", "string | chat(system, user)", Unit.None, "{prompt}", "\"{prompt}\"", "Prompt template; {field} holes name fields of every dataset a stage trains or evaluates on.", "holes must be fields of the datasets used");
    public static readonly Knob Checkpoint = K("pipeline", "checkpoint", "none | every(n steps, keep, to)", Unit.None, null, "none", "Atomic, resumable checkpoints of the policy, optimizer, RNG and data position.");

    // model
    public static readonly Knob ModelInit = K("model", "init", "tiny(...)", Unit.None, null, "required unless checkpoint", "A randomly initialised small decoder (Llama layout).", "exactly one of init and checkpoint");
    public static readonly Knob ModelCheckpoint = K("model", "checkpoint", "path", Unit.None, null, "required unless init", "A Hugging Face folder with config.json, *.safetensors and tokenizer.json, relative to the .reft file.", "the folder and its config.json must exist");
    public static readonly Knob ModelTokenizer = K("model", "tokenizer", "chars | path", Unit.None, null, "chars for tiny, the checkpoint's tokenizer.json", "Tokenizer: one token per character, or a tokenizer.json (byte-level BPE).", "the file must exist");

    // tiny(...)
    public static readonly Knob TinyLayers = K("tiny", "layers", "integer", Unit.Layers, 4, "4", "Decoder blocks.", "≥ 1");
    public static readonly Knob TinyDim = K("tiny", "dim", "integer", Unit.None, 128, "128", "Hidden width.", "a multiple of heads");
    public static readonly Knob TinyHeads = K("tiny", "heads", "integer", Unit.None, 4, "4", "Attention heads.", "≥ 1, a multiple of kv_heads");
    public static readonly Knob TinyKvHeads = K("tiny", "kv_heads", "integer", Unit.None, null, "heads", "Key/value heads (grouped-query attention).", "divides heads");
    public static readonly Knob TinyContext = K("tiny", "context", "count", Unit.Tokens, 128, "128 tokens", "Longest sequence (prompt + completion).", "≥ 1");
    public static readonly Knob TinyVocab = K("tiny", "vocab", "integer", Unit.None, 128, "128", "Vocabulary size; the chars tokenizer maps code points below it.", "≥ 2");
    public static readonly Knob TinyFfn = K("tiny", "ffn", "integer", Unit.None, null, "4 · dim", "Width of the SwiGLU feed-forward layer.", "≥ 1");

    // arithmetic(...)
    public static readonly Knob ArithmeticDigits = K("arithmetic", "digits", "range of integers", Unit.None, (1, 2), "1..2", "Digits per operand; fields: question (\"12+7\"), answer (\"19\").", "1 ≤ low ≤ high ≤ 9");
    public static readonly Knob ArithmeticOps = K("arithmetic", "ops", "string", Unit.None, "+-", "\"+-\"", "Operators to draw from.", "only + - *");
    public static readonly Knob ArithmeticCount = K("arithmetic", "count", "integer", Unit.None, 10000, "10000", "Number of problems.", "≥ 1");
    public static readonly Knob ArithmeticSeed = K("arithmetic", "seed", "integer", Unit.None, null, "the pipeline seed", "Generator seed; give test sets their own.", "≥ 0");

    // jsonl(...)
    public static readonly Knob JsonlPath = K("jsonl", "path", "path", Unit.None, null, "required", "A JSON-lines file relative to the .reft file; other named arguments map fields: `prompt: question, answer: answer.after(\"####\")`.", "the file must exist; mapped keys must occur in its first row", positional: true);

    // chat(...)
    public static readonly Knob ChatSystem = K("chat", "system", "string", Unit.None, null, "none", "System message of a chat prompt.");
    public static readonly Knob ChatUser = K("chat", "user", "string", Unit.None, null, "required", "User message template with {field} holes.");

    // reward
    public static readonly Knob RewardWeight = K("reward", "weight", "number", Unit.None, 1.0, "1", "Weight of the term in the total reward Σ weight · value.");

    // sft stages
    public static readonly Knob SftData = K("sft", "data", "dataset name", Unit.None, null, "the dataset named train, or the only one", "Prompt → target pairs to imitate (fields: the prompt-template holes and the target).");
    public static readonly Knob SftTarget = K("sft", "target", "field name", Unit.None, "answer", "answer", "The field the model learns to write after the prompt, e.g. target: solution.", "a field of data");
    public static readonly Knob SftSteps = K("sft", "steps", "count", Unit.Steps, 100, "100", "Optimizer steps.", "≥ 1");
    public static readonly Knob SftBatch = K("sft", "batch", "count", Unit.Prompts, 32, "32 prompts", "Examples per optimizer step.", "≥ 1, a multiple of micro");
    public static readonly Knob SftMicro = K("sft", "micro", "count", Unit.Prompts, null, "batch", "Examples per backward pass (gradient accumulation).", "divides batch");
    public static readonly Knob SftOptimizer = K("sft", "optimizer", "adamw(...)", Unit.None, null, "adamw()", "The optimizer (see adamw).");
    public static readonly Knob SftEval = K("sft", "eval", "none | every(n steps, on, limit, metric)", Unit.None, null, "none", "Periodic evaluation.");
    public static readonly Knob SftLog = K("sft", "log", "every(n steps)", Unit.Steps, 1, "every(1 steps)", "Metric logging interval.", "≥ 1");
    public static readonly Knob SftLayerDrop = K("sft", "layer_drop", "none | p | random(p, keep_first, keep_last)", Unit.None, null, "none",
        "LayerDrop: each step skips every block outside the protected ones with probability p (a plain p protects the first and last block), so the model still works with blocks skipped, as a nested(...) behaviour runs it.",
        "0 ≤ p < 1; keep_first + keep_last between 1 and the depth − 1");

    // rl stages
    public static readonly Knob RlData = K("rl", "data", "dataset name", Unit.None, null, "the dataset named train, or the only one", "Prompts to roll out.");
    public static readonly Knob RlSteps = K("rl", "steps", "count", Unit.Steps, 100, "100", "Optimizer steps.", "≥ 1");
    public static readonly Knob RlBatch = K("rl", "batch", "count", Unit.Prompts, 32, "32 prompts", "Prompts per optimizer step; each gets group completions.", "≥ 1, a multiple of dash.sample");
    public static readonly Knob RlGroup = K("rl", "group", "count", Unit.Completions, 8, "8 completions", "Completions per prompt.", "≥ 2 for group advantages");
    public static readonly Knob RlSampling = K("rl", "sampling", "{ temperature, top_p, top_k, max_tokens, max_prompt_tokens, stop }", Unit.None, null, "{}", "Decoding settings of the rollout.");
    public static readonly Knob RlBehaviour = K("rl", "behavior", "full | nested(...) | stale(n steps) | dataset(name, fraction)", Unit.None, "full", "full", "Which model generates the rollouts (also spelled behaviour).", "≠ full needs a correction");
    public static readonly Knob RlCorrection = K("rl", "correction", "none | truncated_is | masked_is | retrace | behaviour_ratio", Unit.None, "none", "none", "Off-policy correction (ALGORITHMS.md §5).", "required when behavior ≠ full; explicit none warns");
    public static readonly Knob RlObjective = K("rl", "objective", "grpo | dr_grpo | dapo | reinforce | agro(beta)", Unit.None, "grpo", "grpo", "Preset over advantage, clip, loss and filters; explicit knobs override it.");
    public static readonly Knob RlAdvantage = K("rl", "advantage", "group(scale: std | none | batch_std)", Unit.None, "std", "by objective", "Group-relative advantage and its scale.");
    public static readonly Knob RlClip = K("rl", "clip", "ε | ε_low .. ε_high", Unit.None, (0.2, 0.2), "by objective", "PPO clip range of the ratio: [1 − ε_low, 1 + ε_high].", "0 < ε_low ≤ ε_high < 1");
    public static readonly Knob RlDualClip = K("rl", "dual_clip", "none | number", Unit.None, null, "none", "Dual clip c for negative advantages.", "> 1");
    public static readonly Knob RlKl = K("rl", "kl", "none | k1(β) | k2(β) | k3(β)", Unit.None, null, "none", "KL to the reference model; k3(0.04, placement: reward) subtracts it from the reward.", "needs a reference model; β > 0");
    public static readonly Knob RlLoss = K("rl", "loss", "token_mean | seq_mean_token_mean | seq_mean_token_sum | constant(C)", Unit.None, "token_mean", "by objective", "Aggregation of per-token losses over the optimizer batch.", "C > 0");
    public static readonly Knob RlEpochs = K("rl", "epochs", "integer", Unit.None, 1, "1", "Optimizer passes over each rollout batch.", "≥ 1");
    public static readonly Knob RlDash = K("rl", "dash", "{ sample, micro, filter }", Unit.None, null, "{}", "DASH preemptive sampling and gradient filtering.");
    public static readonly Knob RlFilters = K("rl", "filters", "list of dynamic(max_rounds) | mask_truncated | overlong(buffer, factor)", Unit.None, null, "by objective", "Batch filters and DAPO reward shaping.");
    public static readonly Knob RlOptimizer = K("rl", "optimizer", "adamw(...)", Unit.None, null, "adamw()", "The optimizer (see adamw).");
    public static readonly Knob RlEval = K("rl", "eval", "none | every(n steps, on, limit, metric)", Unit.None, null, "none", "Periodic evaluation.");
    public static readonly Knob RlLog = K("rl", "log", "every(n steps)", Unit.Steps, 1, "every(1 steps)", "Metric logging interval.", "≥ 1");

    // sampling { }
    public static readonly Knob Temperature = K("sampling", "temperature", "number", Unit.None, 1.0, "1", "Softmax temperature.", "> 0");
    public static readonly Knob TopP = K("sampling", "top_p", "number", Unit.None, 1.0, "1", "Nucleus sampling mass.", "0 < top_p ≤ 1");
    public static readonly Knob TopK = K("sampling", "top_k", "integer", Unit.None, 0, "0 (off)", "Keep only the k most likely tokens.", "≥ 0");
    public static readonly Knob MaxTokens = K("sampling", "max_tokens", "count", Unit.Tokens, null, "min(context / 2, 1024) tokens", "Longest completion.", "≥ 1; max_prompt_tokens + max_tokens ≤ context");
    public static readonly Knob MaxPromptTokens = K("sampling", "max_prompt_tokens", "count", Unit.Tokens, null, "min(context − max_tokens, 512) tokens", "Prompts are truncated from the left to this length.", "≥ 1");
    public static readonly Knob Stop = K("sampling", "stop", "list of strings", Unit.None, null, "[]", "Generation stops after any of these strings (and at end-of-sequence).");

    // nested(...)
    public static readonly Knob NestedSkip = K("nested", "skip", "n layers | a..b layers | p% layers | random(...) | contiguous(...) | fixed([..])", Unit.Layers, null, "required", "Layers the behaviour model skips; a count, range or share of the depth is a random subset.", "leaves ≥ 1 layer; respects keep_first/keep_last", positional: true);
    public static readonly Knob NestedEvery = K("nested", "every", "batch | step", Unit.None, "batch", "batch", "When a new skip set is drawn.");
    public static readonly Knob NestedDelay = K("nested", "delay", "count", Unit.Steps, 0, "0 steps", "No skipping during the first steps.", "≥ 0, shorter than the stage");

    // random(...) / contiguous(...) / fixed(...)
    public static readonly Knob SkipLayers = K("skip", "layers", "n layers | a..b layers | p% layers | [i, j, ...] for fixed", Unit.Layers, null, "required", "How many layers random(...) and contiguous(...) skip, or the 0-based layers fixed(...) skips.", "leaves ≥ 1 layer", positional: true);
    public static readonly Knob SkipKeepFirst = K("skip", "keep_first", "integer", Unit.Layers, 1, "1", "Leading layers never skipped.", "≥ 0");
    public static readonly Knob SkipKeepLast = K("skip", "keep_last", "integer", Unit.Layers, 1, "1", "Trailing layers never skipped.", "≥ 0");

    // layer_drop: random(...)
    public static readonly Knob LayerDropProbability = K("layer_drop", "p", "number", Unit.None, null, "required", "Probability that a droppable block is skipped in a step, drawn per block from the seeded generator.", "0 ≤ p < 1", positional: true);
    public static readonly Knob LayerDropKeepFirst = K("layer_drop", "keep_first", "integer", Unit.Layers, 1, "1", "Leading layers never dropped.", "≥ 0");
    public static readonly Knob LayerDropKeepLast = K("layer_drop", "keep_last", "integer", Unit.Layers, 1, "1", "Trailing layers never dropped.", "≥ 0");

    // stale(...)
    public static readonly Knob StaleLag = K("stale", "steps", "count", Unit.Steps, null, "required", "How many optimizer steps the behaviour policy lags behind.", "≥ 1", positional: true);

    // dataset(...) behaviour
    public static readonly Knob ReplayDataset = K("dataset_behavior", "from", "dataset name", Unit.None, null, "required", "A jsonl dataset of logged completions (needs a completion field) mixed into each group.", "a declared dataset with a completion field", positional: true);
    public static readonly Knob ReplayFraction = K("dataset_behavior", "fraction", "percentage", Unit.Percent, 1.0, "100%", "Share of each group's completions taken from the dataset; the rest is sampled from the policy.", "0% < fraction ≤ 100%");

    // corrections
    public static readonly Knob IsMax = K("truncated_is", "max", "number", Unit.None, 2.0, "2", "Truncation threshold C of the importance ratio.", "> 0");
    public static readonly Knob IsLevel = K("truncated_is", "level", "token | sequence", Unit.None, "token", "token", "Ratio per token or per sequence.");
    public static readonly Knob MaskedMax = K("masked_is", "max", "number", Unit.None, 2.0, "2", "Tokens (or sequences) with ratio above max get weight 0.", "> min");
    public static readonly Knob MaskedMin = K("masked_is", "min", "number", Unit.None, 0.0, "0", "Tokens (or sequences) with ratio below min get weight 0.", "≥ 0, < max");
    public static readonly Knob MaskedLevel = K("masked_is", "level", "token | sequence", Unit.None, "token", "token", "Ratio per token or per sequence.");
    public static readonly Knob BehaviourRatioMax = K("behaviour_ratio", "max", "none | number", Unit.None, null, "none", "Truncate the ratio π_θ/μ at max before the clip.", "> 0");
    public static readonly Knob RetraceLambda = K("retrace", "lambda", "number", Unit.None, 0.95, "0.95", "Trace decay λ.", "0 < λ ≤ 1");

    // objectives and their parts
    public static readonly Knob AgroBeta = K("agro", "beta", "number", Unit.None, null, "required", "Strength β of the KL regulariser in AGRO.", "> 0; needs a reference model", positional: true);
    public static readonly Knob AdvantageScale = K("group", "scale", "std | none | batch_std", Unit.None, "std", "std", "Divide by the group's std, nothing (Dr. GRPO) or the batch std.");
    public static readonly Knob KlBeta = K("kl", "beta", "number", Unit.None, null, "required", "KL coefficient β of k1/k2/k3.", "> 0", positional: true);
    public static readonly Knob KlPlacementKnob = K("kl", "placement", "loss | reward", Unit.None, "loss", "loss", "Add the KL to the loss or subtract it from the reward.");
    public static readonly Knob ConstantDivisor = K("constant", "C", "number", Unit.None, null, "max_tokens", "Divisor of Dr. GRPO's constant aggregation.", "> 0", positional: true);

    // dash { }
    public static readonly Knob DashSample = K("dash", "sample", "count", Unit.Prompts, null, "batch", "Prompts per sampling call (preemptive sampling when equal to batch).", "divides batch; a multiple of micro");
    public static readonly Knob DashMicro = K("dash", "micro", "count", Unit.Prompts, null, "sample", "Prompts per backward pass (gradient accumulation).", "divides sample");
    public static readonly Knob DashFilter = K("dash", "filter", "bool expression over advantage", Unit.None, null, "none", "Keep only completions for which it is true, e.g. abs(advantage) > 0.1.", "must be able to keep a row");

    // filters
    public static readonly Knob DynamicMaxRounds = K("dynamic", "max_rounds", "integer", Unit.None, 3, "3", "DAPO dynamic sampling: resample groups with equal rewards at most this often.", "≥ 1");
    public static readonly Knob OverlongBuffer = K("overlong", "buffer", "count", Unit.Tokens, null, "max_tokens / 5", "DAPO overlong shaping zone at the end of max_tokens.", "0 < buffer < max_tokens");
    public static readonly Knob OverlongFactor = K("overlong", "factor", "number", Unit.None, 1.0, "1", "Penalty at max_tokens.", "> 0");

    // adamw(...)
    public static readonly Knob Lr = K("adamw", "lr", "number", Unit.None, 1e-5, "1e-5", "Peak learning rate.", "> 0");
    public static readonly Knob Betas = K("adamw", "betas", "[β1, β2]", Unit.None, (0.9, 0.999), "[0.9, 0.999]", "Moment decay rates.", "0 ≤ β < 1");
    public static readonly Knob AdamEpsilon = K("adamw", "eps", "number", Unit.None, 1e-8, "1e-8", "Denominator guard.", "> 0");
    public static readonly Knob WeightDecay = K("adamw", "weight_decay", "number", Unit.None, 0.0, "0", "Decoupled weight decay.", "≥ 0");
    public static readonly Knob Warmup = K("adamw", "warmup", "count", Unit.Steps, 0, "0 steps", "Linear warm-up from 0 to lr.", "≥ 0, shorter than the stage");
    public static readonly Knob Schedule = K("adamw", "schedule", "constant | cosine", Unit.None, "constant", "constant", "Learning rate after warm-up.");
    public static readonly Knob GradClip = K("adamw", "grad_clip", "none | number", Unit.None, 1.0, "1", "Global gradient-norm clip.", "> 0");

    // every(...) of eval / checkpoint / log
    public static readonly Knob EvalEvery = K("eval", "every", "count", Unit.Steps, null, "required", "Evaluation interval.", "≥ 1; warns when longer than the stage", positional: true);
    public static readonly Knob EvalOn = K("eval", "on", "dataset name", Unit.None, null, "the dataset named test", "Dataset to evaluate on.");
    public static readonly Knob EvalLimit = K("eval", "limit", "integer", Unit.None, null, "all rows", "Evaluate at most this many rows.", "≥ 1");
    public static readonly Knob EvalMetric = K("eval", "metric", "expression | list of expressions", Unit.None, null, "mean of every reward", "Metrics over rewards, e.g. mean(correct).", "must name declared rewards");
    public static readonly Knob CheckpointEvery = K("checkpoint", "every", "count", Unit.Steps, null, "required", "Checkpoint interval.", "≥ 1; warns when longer than every stage", positional: true);
    public static readonly Knob CheckpointKeep = K("checkpoint", "keep", "integer", Unit.None, 2, "2", "Newest checkpoints to keep.", "≥ 1");
    public static readonly Knob CheckpointTo = K("checkpoint", "to", "path", Unit.None, null, "runs/<pipeline>", "Checkpoint folder, relative to the .reft file.");
    public static readonly Knob LogEvery = K("log", "every", "count", Unit.Steps, 1, "1 steps", "Logging interval.", "≥ 1", positional: true);

    public static readonly ImmutableArray<Knob> All =
    [
        Seed, Device, PrecisionKnob, Prompt, Checkpoint,
        ModelInit, ModelCheckpoint, ModelTokenizer,
        TinyLayers, TinyDim, TinyHeads, TinyKvHeads, TinyContext, TinyVocab, TinyFfn,
        ArithmeticDigits, ArithmeticOps, ArithmeticCount, ArithmeticSeed,
        JsonlPath, ChatSystem, ChatUser, RewardWeight,
        SftData, SftTarget, SftSteps, SftBatch, SftMicro, SftOptimizer, SftEval, SftLog, SftLayerDrop,
        RlData, RlSteps, RlBatch, RlGroup, RlSampling, RlBehaviour, RlCorrection, RlObjective, RlAdvantage, RlClip, RlDualClip,
        RlKl, RlLoss, RlEpochs, RlDash, RlFilters, RlOptimizer, RlEval, RlLog,
        Temperature, TopP, TopK, MaxTokens, MaxPromptTokens, Stop,
        NestedSkip, NestedEvery, NestedDelay, SkipLayers, SkipKeepFirst, SkipKeepLast, LayerDropProbability, LayerDropKeepFirst, LayerDropKeepLast, StaleLag,
        ReplayDataset, ReplayFraction,
        IsMax, IsLevel, MaskedMax, MaskedMin, MaskedLevel, BehaviourRatioMax, RetraceLambda,
        AgroBeta, AdvantageScale, KlBeta, KlPlacementKnob, ConstantDivisor,
        DashSample, DashMicro, DashFilter,
        DynamicMaxRounds, OverlongBuffer, OverlongFactor,
        Lr, Betas, AdamEpsilon, WeightDecay, Warmup, Schedule, GradClip,
        EvalEvery, EvalOn, EvalLimit, EvalMetric, CheckpointEvery, CheckpointKeep, CheckpointTo, LogEvery,
    ];

    public static IEnumerable<Knob> InScope(string scope) => All.Where(knob => knob.Scope == scope);

    public static Knob? Find(string scope, string key) => All.FirstOrDefault(knob => knob.Scope == scope && knob.Key == key);
}
