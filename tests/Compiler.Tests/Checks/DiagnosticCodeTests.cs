using Reft.Compiler.Tests.Support;
using Reft.Language.Diagnostics;

namespace Reft.Compiler.Tests.Checks;

/// <summary>
/// Every semantic code (RFT2xxx–4xxx) is triggered by an edit of the arith example, at the place
/// marked $$ in the edited text.
/// </summary>
public class DiagnosticCodeTests
{
    private static string A => Specs.Arith;

    private const string Reference = "  model reference = frozen(policy)\n  dataset train";

    private const string Minimal = """
        pipeline $$p {
          model policy {
            init: tiny()
          }
          dataset train = arithmetic()
        }
        """;

    public static readonly IReadOnlyList<(string Code, string Text)> Cases =
    [
        ("RFT2001", A.With("    group: 8 completions", "    $$grup: 8 completions")),
        ("RFT2002", A.With("dataset test  =", "dataset $$train =")),
        ("RFT2003", A.With("data: train\n    steps: 150", "data: $$trian\n    steps: 150")),
        ("RFT2004", A.With("  dataset train", "  model reference = frozen($$polcy)\n  dataset train")),
        ("RFT2005", A.With("metric: mean(correct)", "metric: mean($$corect)")),
        ("RFT2006", A.With("number(answer)", "number($$answr)")),
        ("RFT2006", A.With("\"{question}=\"", "\"$${questoin}=\"")),
        ("RFT2007", A.With("length(completion)", "$$lenght(completion)")),
        ("RFT2008", A.With("device: auto", "device: $$gpu")),
        ("RFT2009", A.With("    steps: 150\n", "    steps: 150\n    $$steps: 10\n")),
        ("RFT2010", A.With("stage rl: rl {", "stage rl: $$rlhf {")),
        ("RFT2011", A.With("    init: tiny(layers: 6, dim: 128, heads: 4, context: 64 tokens)\n", "").With("model policy {", "model $$policy {")),
        ("RFT2012", A.With("  model policy {\n    init: tiny(layers: 6, dim: 128, heads: 4, context: 64 tokens)\n    tokenizer: chars\n  }\n", "").With("pipeline arith", "pipeline $$arith")),
        ("RFT2013", Minimal),
        ("RFT2015", A.With("reward short", "reward $$completion")),
        ("RFT2016", A.With("  dataset train", "  model $$other {\n    init: tiny()\n  }\n  dataset train")),
        ("RFT3001", A.With("batch: 32 prompts", "batch: $$256 completions")),
        ("RFT3002", A.With("batch: 64 prompts", "batch: $$64")),
        ("RFT3003", A.With("count: 20000", "count: $$200.5")),
        ("RFT3004", A.With("seed: 7", "seed: $$\"seven\"")),
        ("RFT3005", A.With("number(completion) == number(answer)", "$$completion == 3")),
        ("RFT3006", A.With("length(completion)", "length($$3)")),
        ("RFT3007", A.With("length(completion)", "length(completion, $$completion)")),
        ("RFT3008", A.With("-0.01 * length(completion)", "-0.01 * $$number(completion)")),
        ("RFT3009", A.With("-0.01 * length(completion)", "$$boxed(completion)")),
        ("RFT3010", A.With("-0.01 * length(completion)", "matches(completion, $$\"(\")")),
        ("RFT3011", A.With("-0.01 * length(completion)", "matches(completion, $$answer)")),
        ("RFT3012", A.With("metric: mean(correct)", "metric: $$\"accuracy\"")),
        ("RFT3013", A.With("abs(advantage) > 0.05", "abs(advantage) > 0.05 and $$completion == \"x\"")),
        ("RFT3014", A.With("filter: abs(advantage) > 0.05", "filter: $$abs(advantage)")),
        ("RFT3015", A.With("\"{question}=\"", "\"$${question=\"")),
        ("RFT3016", A.With("random(1..2 layers", "random($$150% layers")),
        ("RFT3018", A.With("digits: 1..3, ops: \"+-\", count: 20000", "digits: $$3..1, ops: \"+-\", count: 20000")),
        ("RFT3019", A.With("length(completion)", "$$length()")),
        ("RFT4001", A.With("group: 8 completions", "group: $$1 completions")),
        ("RFT4002", A.With("sample: 32 prompts", "sample: $$24 prompts")),
        ("RFT4003", A.With("micro: 8 prompts", "micro: $$5 prompts")),
        ("RFT4004", A.With("clip: 0.2 .. 0.28", "clip: $$0.2 .. 1.5")),
        ("RFT4005", A.With("clip: 0.2 .. 0.28", "clip: $$0.28 .. 0.2")),
        ("RFT4006", A.With("adamw(lr: 2e-4", "adamw(lr: $$0")),
        ("RFT4007", A.With("steps: 150", "steps: $$0")),
        ("RFT4008", A.With("max_tokens: 8 tokens }", "max_tokens: $$60 tokens, max_prompt_tokens: 10 tokens }")),
        ("RFT4009", A.With("kl: none", "kl: $$k3(0.01)")),
        ("RFT4010", A.With("objective: grpo", "objective: $$agro(beta: 0.1)")),
        ("RFT4011", A.With("  dataset train", Reference).With("objective: grpo", "objective: agro(beta: $$0)")),
        ("RFT4012", A.With("    correction: truncated_is(max: 2.0, level: token)\n", "").With("behavior: nested(", "behavior: $$nested(")),
        ("RFT4013", A.With("correction: truncated_is(max: 2.0, level: token)", "correction: $$none")),
        ("RFT4014", A.With("skip: random(1..2 layers", "skip: $$random(1..6 layers")),
        ("RFT4015", A.With("skip: random(1..2 layers", "skip: $$random(1..5 layers")),
        ("RFT4016", A.With("random(1..2 layers, keep_first: 1, keep_last: 1)", "$$fixed([0, 2])")),
        ("RFT4017", A.With("behavior: nested(skip: random(1..2 layers, keep_first: 1, keep_last: 1), every: batch)", "behavior: full")
            .With("correction: truncated_is(", "correction: $$truncated_is(")),
        ("RFT4018", A.With("filter: abs(advantage) > 0.05", "filter: $$abs(advantage) > 3")),
        ("RFT4019", A.With("every(50 steps, keep: 2)", "every($$500 steps, keep: 2)")),
        ("RFT4020", A.With("every(25 steps, on: test", "every($$250 steps, on: test")),
        ("RFT4021", A.With("  prompt:", "  dataset extra = jsonl($$\"data/none.jsonl\", prompt: question)\n  prompt:")),
        ("RFT4022", A.With("init: tiny(layers: 6, dim: 128, heads: 4, context: 64 tokens)", "checkpoint: $$\"models/nothing\"")),
        ("RFT4024", A.With("dim: 128", "dim: $$130")),
        ("RFT4025", A.With("heads: 4,", "heads: 4, kv_heads: $$3,")),
        ("RFT4026", A.With("    steps: 150\n", "    steps: 150\n    epochs: $$0\n")),
        ("RFT4027", A.With("temperature: 1.0", "temperature: $$0")),
        ("RFT4028", A.With("temperature: 1.0", "temperature: 1.0, top_p: $$1.5")),
        ("RFT4029", A.With("temperature: 1.0", "temperature: 1.0, top_k: $$-1")),
        ("RFT4030", A.With("    kl: none\n", "    kl: none\n    dual_clip: $$0.5\n")),
        ("RFT4031", A.With("truncated_is(max: 2.0", "truncated_is(max: $$-1.0")),
        ("RFT4032", A.With("grad_clip: 1.0", "grad_clip: $$0")),
        ("RFT4033", A.With("warmup: 5 steps", "warmup: $$500 steps")),
        ("RFT4034", A.With("on: test", "on: $$train")),
        ("RFT4035", A.With("-0.01 * length(completion)", "$$-0.01 * length(answer)")),
        ("RFT4036", A.With("    steps: 400\n", "    steps: 400\n    $$group: 8 completions\n")),
        ("RFT4037", A.With("seed: 7", "seed: $$-7")),
        ("RFT4037", A.With("random(1..2 layers, keep_first: 1, keep_last: 1)", "random(1..2 layers, keep_first: $$-1, keep_last: 1)")),
        ("RFT4038", A.With("ops: \"+-\", count: 20000", "ops: $$\"+/\", count: 20000")),
        ("RFT4039", A.With("    kl: none\n", "    kl: none\n    filters: [dynamic(max_rounds: $$0)]\n")),
        ("RFT4040", A.With("    kl: none\n", "    kl: none\n    filters: [overlong(buffer: $$8 tokens)]\n")),
        ("RFT4041", A.With("behavior: nested(skip: random(1..2 layers, keep_first: 1, keep_last: 1), every: batch)", "behavior: $$stale(0 steps)")),
        ("RFT4042", A.With("loss: token_mean", "loss: constant($$0)")),
        ("RFT4043", A.With("  dataset train", "  $$model reference = frozen(policy)\n  dataset train")),
        ("RFT4044", A.With("tokenizer: chars", "tokenizer: $$\"missing-tokenizer.json\"")),
        ("RFT4045", A.With("    steps: 400\n", "    steps: 400\n    micro: $$48 prompts\n")),
        ("RFT4046", A.With("batch: 32 prompts", "batch: $$0 prompts")),
        ("RFT4047", A.With("every: batch)", "every: batch, delay: $$200 steps)")),
        ("RFT4048", A.With("-0.01 * length(completion)", "-0.01 * length(completion) weight $$0")),
        ("RFT4049", A.With("prompt: \"{question}=\"", "prompt: $$chat(user: \"{question}=\")")),
        ("RFT4050", A.With("  dataset train", Reference).With("kl: none", "kl: $$k3(0)")),
        ("RFT4052", A.With("    steps: 400\n", "    steps: 400\n    layer_drop: random($$1.0, keep_first: 1)\n")),
        ("RFT4053", A.With("    steps: 400\n", "    steps: 400\n    layer_drop: $$random(0.1, keep_first: 3, keep_last: 3)\n")),
    ];

    public static TheoryData<string, int> CaseIndices()
    {
        var data = new TheoryData<string, int>();
        for (var i = 0; i < Cases.Count; i++)
            data.Add(Cases[i].Code, i);
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Code_fires_at_the_marked_place(string code, int index)
    {
        var (text, line, column) = Specs.Marked(Cases[index].Text);
        var result = Specs.Compile(text);
        var hits = result.Diagnostics.Where(d => d.Code == code).ToList();
        Assert.True(hits.Any(d => d.Location.Line == line && d.Location.Column == column),
            $"expected {code} at {line}:{column}; got:\n{Specs.Describe(result.Diagnostics)}");
        var descriptor = DiagnosticCatalog.Find(code)!;
        Assert.All(hits, hit => Assert.Equal(descriptor.Severity, hit.Severity));
        if (descriptor.Severity == DiagnosticSeverity.Error)
            Assert.Null(result.Plan);
    }

    [Fact]
    public void Every_semantic_code_of_the_catalogue_has_a_case()
    {
        var covered = Cases.Select(c => c.Code).Concat(FileSystemDiagnosticTests.Codes).ToHashSet();
        var semantic = DiagnosticCatalog.All.Select(d => d.Code).Where(code => code[3] is '2' or '3' or '4').ToList();
        Assert.Equal([], semantic.Where(code => !covered.Contains(code)).ToList());
        Assert.True(semantic.Count >= 40, $"only {semantic.Count} semantic codes");
    }

    [Fact]
    public void Wrong_unit_names_the_converted_value()
    {
        var (text, _, _) = Specs.Marked(Cases.First(c => c.Code == "RFT3001").Text);
        var diagnostic = Specs.Compile(text).Diagnostics.Single(d => d.Code == "RFT3001");
        Assert.Equal("batch is counted in prompts, not completions: 256 completions at group 8 is 32 prompts", diagnostic.Message);
    }

    [Fact]
    public void Unknown_key_suggests_the_closest_knob()
    {
        var (text, _, _) = Specs.Marked(Cases.First(c => c.Code == "RFT2001").Text);
        Assert.EndsWith("did you mean 'group'?", Specs.Compile(text).Diagnostics.Single(d => d.Code == "RFT2001").Message);
    }

    [Fact]
    public void Filter_bound_is_the_largest_std_advantage_of_the_group()
    {
        // One reward 1 among G−1 zeros: mean 1/G, unbiased std 1/√G, so A = (1 − 1/G)·√G = (G − 1)/√G.
        Assert.Equal(7 / Math.Sqrt(8), global::Reft.Compiler.Checks.FilterCheck.MaxAbsoluteStdAdvantage(8), 12);
        var justBelow = A.With("filter: abs(advantage) > 0.05", "filter: abs(advantage) > 2.47");
        Assert.DoesNotContain(Specs.Compile(justBelow).Diagnostics, d => d.Code == "RFT4018");
    }

    [Fact]
    public void All_errors_of_a_file_are_reported_in_one_run()
    {
        // A bad setting, a bad reward and a bad unit do not hide the pipeline rules of the stages that bound.
        var text = A.With("device: auto", "device: gpu").With("batch: 64 prompts", "batch: 64").With("length(completion)", "lenght(completion)")
            .With("group: 8 completions", "group: 1 completions");
        var codes = Specs.Compile(text).Diagnostics.Select(d => d.Code).ToHashSet();
        Assert.Superset(new HashSet<string> { "RFT2008", "RFT3002", "RFT2007" }, codes);
        var withoutStageError = A.With("device: auto", "device: gpu").With("length(completion)", "lenght(completion)").With("group: 8 completions", "group: 1 completions");
        Assert.Superset(new HashSet<string> { "RFT2008", "RFT2007", "RFT4001" }, Specs.Compile(withoutStageError).Diagnostics.Select(d => d.Code).ToHashSet());
    }
}
