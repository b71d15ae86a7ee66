using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Reft.Runtime.Training.Metrics;

/// <summary>One line of metrics.jsonl ↔ <see cref="StepMetrics"/>. Field order is fixed;
/// non-finite numbers are written as the strings "NaN", "Infinity", "-Infinity".</summary>
public static class MetricsJson
{
    private sealed record NumberField(string Name, Func<StepMetrics, double?> Get, Func<StepMetrics, double?, StepMetrics> Set);

    private static readonly NumberField[] Numbers =
    [
        new("reward_mean", m => m.RewardMean, (m, v) => m with { RewardMean = v }),
        new("reward_std", m => m.RewardStd, (m, v) => m with { RewardStd = v }),
        new("accuracy", m => m.Accuracy, (m, v) => m with { Accuracy = v }),
        new("advantage_mean", m => m.AdvantageMean, (m, v) => m with { AdvantageMean = v }),
        new("advantage_std", m => m.AdvantageStd, (m, v) => m with { AdvantageStd = v }),
        new("advantage_min", m => m.AdvantageMin, (m, v) => m with { AdvantageMin = v }),
        new("advantage_max", m => m.AdvantageMax, (m, v) => m with { AdvantageMax = v }),
        new("fraction_filtered", m => m.FractionFiltered, (m, v) => m with { FractionFiltered = v }),
        new("loss", m => m.Loss, (m, v) => m with { Loss = v }),
        new("grad_norm", m => m.GradNorm, (m, v) => m with { GradNorm = v }),
        new("lr", m => m.LearningRate, (m, v) => m with { LearningRate = v }),
        new("clip_fraction_low", m => m.ClipFractionLow, (m, v) => m with { ClipFractionLow = v }),
        new("clip_fraction_high", m => m.ClipFractionHigh, (m, v) => m with { ClipFractionHigh = v }),
        new("rho_mean", m => m.RhoMean, (m, v) => m with { RhoMean = v }),
        new("rho_max", m => m.RhoMax, (m, v) => m with { RhoMax = v }),
        new("rho_fraction_clipped", m => m.RhoFractionClipped, (m, v) => m with { RhoFractionClipped = v }),
        new("kl_behaviour", m => m.BehaviourKl, (m, v) => m with { BehaviourKl = v }),
        new("kl_ref", m => m.ReferenceKl, (m, v) => m with { ReferenceKl = v }),
        new("length_correct", m => m.LengthCorrect, (m, v) => m with { LengthCorrect = v }),
        new("length_wrong", m => m.LengthWrong, (m, v) => m with { LengthWrong = v }),
        new("rollout_tokens_per_s", m => m.RolloutTokensPerSecond, (m, v) => m with { RolloutTokensPerSecond = v }),
        new("learner_tokens_per_s", m => m.LearnerTokensPerSecond, (m, v) => m with { LearnerTokensPerSecond = v }),
        new("time_sampling_s", m => m.Time.Sampling, (m, v) => m with { Time = m.Time with { Sampling = v ?? 0 } }),
        new("time_scoring_s", m => m.Time.Scoring, (m, v) => m with { Time = m.Time with { Scoring = v ?? 0 } }),
        new("time_backprop_s", m => m.Time.Backprop, (m, v) => m with { Time = m.Time with { Backprop = v ?? 0 } }),
        new("time_optimizer_s", m => m.Time.Optimizer, (m, v) => m with { Time = m.Time with { Optimizer = v ?? 0 } }),
        new("time_total_s", m => m.Time.Total, (m, v) => m with { Time = m.Time with { Total = v ?? 0 } }),
        new("eval_score", m => m.EvalScore, (m, v) => m with { EvalScore = v }),
    ];

    public static string Write(StepMetrics metrics)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("stage", metrics.Stage);
            writer.WriteNumber("stage_index", metrics.StageIndex);
            writer.WriteNumber("step", metrics.Step);
            foreach (var field in Numbers) WriteNumber(writer, field.Name, field.Get(metrics));
            writer.WriteStartObject("reward_terms");
            foreach (var (name, stats) in metrics.RewardTerms.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                writer.WriteStartObject(name);
                WriteNumber(writer, "mean", stats.Mean);
                WriteNumber(writer, "std", stats.Std);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            if (metrics.SkipSet is null) writer.WriteNull("skip_set");
            else
            {
                writer.WriteStartArray("skip_set");
                foreach (var layer in metrics.SkipSet) writer.WriteNumberValue(layer);
                writer.WriteEndArray();
            }
            WriteString(writer, "step_skipped", metrics.StepSkipped);
            WriteString(writer, "eval_metric", metrics.EvalMetric);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Parses one line; returns null for a line that is not a complete metrics object
    /// (a torn last line of a killed run).</summary>
    public static StepMetrics? TryRead(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var metrics = new StepMetrics
            {
                Stage = root.GetProperty("stage").GetString()!,
                StageIndex = root.GetProperty("stage_index").GetInt32(),
                Step = root.GetProperty("step").GetInt32(),
                RewardTerms = root.GetProperty("reward_terms").EnumerateObject().ToDictionary(
                    term => term.Name,
                    term => new TermStats(ReadNumber(term.Value.GetProperty("mean")) ?? double.NaN, ReadNumber(term.Value.GetProperty("std")) ?? double.NaN)),
                SkipSet = root.GetProperty("skip_set").ValueKind == JsonValueKind.Null
                    ? null
                    : root.GetProperty("skip_set").EnumerateArray().Select(layer => layer.GetInt32()).ToList(),
                StepSkipped = root.GetProperty("step_skipped").GetString(),
                EvalMetric = root.GetProperty("eval_metric").GetString(),
            };
            foreach (var field in Numbers)
                metrics = field.Set(metrics, ReadNumber(root.GetProperty(field.Name)));
            return metrics;
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is not { } number) writer.WriteNull(name);
        else if (double.IsFinite(number)) writer.WriteNumber(name, number);
        else writer.WriteString(name, number.ToString(CultureInfo.InvariantCulture));
    }

    private static void WriteString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null) writer.WriteNull(name);
        else writer.WriteString(name, value);
    }

    private static double? ReadNumber(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => double.Parse(element.GetString()!, CultureInfo.InvariantCulture),
        _ => element.GetDouble(),
    };
}
