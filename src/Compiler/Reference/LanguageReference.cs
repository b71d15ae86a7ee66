using System.Text;
using Reft.Compiler.Binding;
using Reft.Compiler.Binding.Expressions;
using Reft.Compiler.Binding.Knobs;

namespace Reft.Compiler.Reference;

/// <summary>
/// docs/language.md, generated from the knob table, the preset table, the function table and the
/// diagnostic catalogue that the binder itself uses; a test fails when the file drifts.
/// </summary>
public static class LanguageReference
{
    private static readonly (string Scope, string Title, string Intro)[] Sections =
    [
        ("pipeline", "Pipeline", "Properties written directly inside `pipeline NAME { ... }`."),
        ("model", "model NAME { ... }", "The trained policy. `model reference = frozen(policy)` declares a frozen copy for KL and AGRO; it is loaded only when a stage uses it."),
        ("tiny", "tiny(...)", "A randomly initialised Llama-layout decoder (RMSNorm, RoPE, grouped-query attention, SwiGLU). For a checkpoint, the same shape is read from its config.json at compile time: num_hidden_layers, hidden_size, num_attention_heads, num_key_value_heads, max_position_embeddings, vocab_size, intermediate_size, tie_word_embeddings, rope_theta, rms_norm_eps, model_type (qwen2 adds q/k/v biases)."),
        ("arithmetic", "dataset NAME = arithmetic(...)", "Synthetic integer problems. Fields: `question` (text, e.g. \"12+7\") and `answer` (text, e.g. \"19\")."),
        ("jsonl", "dataset NAME = jsonl(path, FIELD: expr, ...)", "One JSON object per line. Each named argument defines a field from an expression over the row's keys (a mapping may call number, boxed and after); without mappings the fields are the first row's keys. The keys are read from the first row at compile time."),
        ("chat", "prompt: chat(...)", "A chat prompt, rendered with the tokenizer's chat template. Holes `{field}` work in both messages."),
        ("reward", "reward NAME = expr [weight w]", "A reward term. The total reward is Σ weight · value; a bool counts 1/0."),
        ("sft", "stage NAME: sft { ... }", "Supervised warm-up: token cross-entropy on prompt → target pairs, loss on target tokens only. The rl-only knobs are rejected here (RFT4036)."),
        ("layer_drop", "layer_drop: random(...)", "LayerDrop in an sft stage: a fresh skip set per step, each droppable block skipped with probability p, recorded as the step's skip_set. `layer_drop: 0.1` is random(0.1) with the defaults below."),
        ("rl", "stage NAME: rl { ... }", "An RL stage: sample → score → advantage → filter → loss → update → log / eval / checkpoint. `behaviour` is accepted for `behavior`."),
        ("sampling", "sampling: { ... }", "Decoding of the rollouts."),
        ("nested", "behavior: nested(...)", "Nested-ReFT: the policy with a skip set of decoder blocks generates; the update runs at full depth."),
        ("skip", "skip: random(...) | contiguous(...) | fixed(...)", "Which layers the behaviour model skips. A bare count, range or share (`2 layers`, `1..2 layers`, `25% layers`) is a random subset; shares are rounded against the depth at compile time."),
        ("stale", "behavior: stale(...)", "Rollouts from the policy as it was some optimizer steps ago."),
        ("dataset_behavior", "behavior: dataset(...)", "Part of each group comes from logged completions of a dataset (AGRO's off-policy data)."),
        ("truncated_is", "correction: truncated_is(...)", "Weight min(ρ, max) per token or per sequence (ALGORITHMS.md §5)."),
        ("masked_is", "correction: masked_is(...)", "Weight 1 when min ≤ ρ ≤ max, else 0."),
        ("behaviour_ratio", "correction: behaviour_ratio(...)", "Use π_θ/μ inside the clip instead of π_θ/π_old."),
        ("retrace", "correction: retrace(...)", "min(1, ρ_t) · Π_{s>t} λ·min(1, ρ_s) with a terminal reward."),
        ("agro", "objective: agro(...)", "AGRO (ALGORITHMS.md §8)."),
        ("group", "advantage: group(...)", "Group-relative advantage (ALGORITHMS.md §1)."),
        ("kl", "kl: k1(...) | k2(...) | k3(...)", "KL to the reference model (ALGORITHMS.md §4)."),
        ("constant", "loss: constant(...)", "Dr. GRPO's aggregation Σ m ℓ / (B · C)."),
        ("dash", "dash: { ... }", "DASH: preemptive sampling and gradient filtering (ALGORITHMS.md §7). A filter keeps the completions for which it is true; dropped rows leave the loss normaliser, and a step where nothing survives is skipped and counted."),
        ("dynamic", "filters: [dynamic(...)]", "DAPO dynamic sampling."),
        ("overlong", "filters: [overlong(...)]", "DAPO overlong reward shaping. `mask_truncated` (no arguments) gives completions that hit max_tokens no loss."),
        ("adamw", "optimizer: adamw(...)", "AdamW with linear warm-up, then constant or cosine decay, and global grad-norm clipping."),
        ("eval", "eval: every(...)", "Periodic evaluation on a held-out dataset."),
        ("checkpoint", "checkpoint: every(...)", "Atomic, resumable checkpoints (policy, optimizer, RNG, data position)."),
        ("log", "log: every(...)", "Metric logging interval."),
    ];

    public static IEnumerable<string> DocumentedScopes => Sections.Select(section => section.Scope);

    public static string Generate()
    {
        var output = new StringBuilder();
        output.Append("""
            # The `.reft` language reference

            <!-- Generated by Reft.Compiler.Reference.LanguageReference from the tables the compiler uses.
                 Do not edit: run the Compiler tests with REFT_UPDATE_DOCS=1 to rewrite it. -->

            A `.reft` file declares one pipeline: a model, datasets, a prompt, rewards and stages.
            `reftc check` binds every name, type and unit and checks the rules below before anything
            loads; `reftc explain` prints the resolved plan with estimates. Paths are relative to the
            `.reft` file's folder.

            ## Units

            Quantities carry units and the compiler checks them: `prompts`, `completions`, `tokens`,
            `steps`, `layers`, and percentages (`25%`). A count written in the wrong unit is an error
            that names the expected unit and, where it can, the converted value (`batch: 256
            completions` at group 8: "batch is counted in prompts, not completions: 256 completions at
            group 8 is 32 prompts"). Step counts may omit the unit (`steps: 400`); every other count
            needs it (`batch: 64` is an error).


            """);
        output.Append("## Objective presets\n\n");
        output.Append("`objective:` sets the rows below; any of `advantage`, `clip`, `loss`, `filters` written in the stage overrides its preset value.\n\n");
        output.Append("| preset | policy loss | advantage | scale | clip | loss | dynamic sampling | overlong shaping | source |\n|---|---|---|---|---|---|---|---|---|\n");
        foreach (var preset in ObjectivePresets.All)
        {
            output.Append($"| `{preset.Name}` | {preset.PolicyLoss} | {preset.Estimator} | {preset.Scale} | {ValueReader.Format(preset.ClipLow)} .. {ValueReader.Format(preset.ClipHigh)} | {preset.Aggregation} | "
                + $"{(preset.DynamicSampling ? "dynamic(max_rounds: 3)" : "off")} | {(preset.OverlongShaping ? "buffer max_tokens / 5, factor 1" : "off")} | {preset.Source} |\n");
        }
        output.Append('\n');
        output.Append("## Knobs\n\nEvery knob with its type, unit, default, meaning and rules. A positional argument is marked *(positional)*.\n\n");
        foreach (var (scope, title, intro) in Sections)
        {
            output.Append($"### {title}\n\n{intro}\n\n| knob | type | unit | default | meaning | rules |\n|---|---|---|---|---|---|\n");
            foreach (var knob in KnobTable.InScope(scope))
            {
                var unit = knob.Unit == Unit.None ? "" : knob.Unit == Unit.Percent ? "%" : knob.Unit.ToString().ToLowerInvariant();
                output.Append($"| `{knob.Key}`{(knob.Positional ? " *(positional)*" : "")} | {Escape(knob.Type)} | {unit} | {Escape(knob.Default)} | {Escape(knob.Help)} | {Escape(knob.Rules)} |\n");
            }
            output.Append('\n');
        }
        output.Append("""
            ## Expressions

            Rewards, metrics, jsonl field mappings and `dash.filter` are typed expressions: `number`,
            `bool`, `text`, and optional values (`number?`, `text?`) from functions that may fail. A
            bool counts as 1/0 in arithmetic. Arithmetic and ordering need definite numbers; an optional
            value can be compared with `==` / `!=` (false when either side is missing; `x == none`
            tests for missing) or passed to a function that accepts it. Operators: `+ - * /`,
            `== != < <= > >=`, `and or not`. Names: `completion` (rewards), the dataset fields
            (rewards; every dataset a stage trains or evaluates on must have them), the row's keys
            (mappings), `advantage` (filters), reward names inside `mean(...)` (metrics). Only these
            functions can be called; `x.f(a)` is `f(x, a)` where marked:


            """);
        output.Append("| function | signature | method form | where | meaning |\n|---|---|---|---|---|\n");
        foreach (var function in FunctionTable.All)
        {
            var where = string.Join(", ", Enum.GetValues<ExpressionContext>()
                .Where(context => context != ExpressionContext.Anywhere && function.Contexts.HasFlag(context))
                .Select(context => context.ToString().ToLowerInvariant()));
            output.Append($"| `{function.Name}` | `{function.Display}` | {(function.MethodForm ? "yes" : "")} | {where} | {Escape(function.Help)} |\n");
        }
        output.Append("""

            Prompt templates: a hole is `{identifier}`; every other brace is literal (so `\boxed{}` needs
            no escaping); `{{` and `}}` write a literal brace before a name.

            ## Estimates (`reftc explain`)

            Per stage and per optimizer step, as upper bounds (every completion runs to `max_tokens`,
            every prompt to `max_prompt_tokens`). Notation: L layers, H width, a heads, kv key/value heads,
            d = H / a, I feed-forward width, V vocabulary, b bytes per value (fp32 4, bf16 2), B batch
            prompts, G group, m micro prompts, c sample prompts, T = max_tokens, P = max_prompt_tokens,
            S = P + T (sft: S = context), e epochs, s_min the fewest layers skipped.

            | quantity | formula |
            |---|---|
            | parameters N | V·H + L·(2·H² + 2·H·kv·d [+ H + 2·kv·d biases for qwen2] + 3·H·I + 2·H) + H + (tied ? 0 : V·H) |
            | tokens generated | B·G·T (sft: 0) |
            | tokens back-propagated | B·G·S·e (sft: B·S) |
            | weights | N·b, doubled when a reference model is declared |
            | gradients | N·b |
            | AdamW state | 2·N·4 (moments stay fp32) |
            | activations (one micro-batch) | L·r·S·(34·H + 5·a·S)·b/2 + r·S·V·4 with r = m·G rows (sft: r = m); Korthikanti et al. 2022, no recomputation, plus fp32 logits |
            | KV cache (one sampling chunk) | 2·(L − s_min)·c·G·S·kv·d·b |
            | skipped layers | s_min..s_max of L; block compute per token ≈ (L − mean skip)/L |

            ## Diagnostics

            Names (RFT2xxx), types and units (RFT3xxx), pipeline rules (RFT4xxx). Every error of a file
            is reported in one run; `reftc check --warnings-as-errors` turns warnings into errors.


            """);
        output.Append("| code | severity | problem | how to fix |\n|---|---|---|---|\n");
        foreach (var descriptor in Language.Diagnostics.DiagnosticCatalog.All.Where(d => d.Code[3] is '2' or '3' or '4'))
            output.Append($"| {descriptor.Code} | {descriptor.Severity.ToString().ToLowerInvariant()} | {Escape(descriptor.Title)} | {Escape(descriptor.Help)} |\n");
        return output.ToString();
    }

    private static string Escape(string text) => text.Replace("|", "\\|");
}
