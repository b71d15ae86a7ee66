using System.Globalization;

namespace Reft.Runtime.Data;

/// <summary>
/// Synthetic integer arithmetic. Example i has fields <c>question</c> ("12+7") and <c>answer</c> ("19"):
/// each operand first draws its digit count uniformly from [minDigits, maxDigits], then a value uniformly
/// among the numbers with exactly that many digits (one digit: 0-9; d digits: 10^(d-1) .. 10^d - 1); the
/// operator is drawn uniformly from <c>ops</c> ('+', '-', '*'). '-' may give a negative answer ("3-12" →
/// "-9"). Example i depends only on (seed, i), so the dataset is deterministic and needs no storage.
/// </summary>
public sealed class ArithmeticDataset : IDataset
{
    public const string QuestionField = "question";
    public const string AnswerField = "answer";
    const string SupportedOps = "+-*";
    const int MaxDigits = 9;

    readonly int minDigits;
    readonly int maxDigits;
    readonly string ops;
    readonly ulong seed;

    /// <exception cref="ArgumentException">digits outside 1..9 or min &gt; max, an operator other than + - *, or a negative count.</exception>
    public ArithmeticDataset(int minDigits, int maxDigits, string ops, int count, ulong seed)
    {
        if (minDigits < 1 || maxDigits > MaxDigits || minDigits > maxDigits)
            throw new ArgumentException($"digits {minDigits}..{maxDigits} must lie within 1..{MaxDigits} with min <= max");
        if (ops.Length == 0 || ops.Any(op => !SupportedOps.Contains(op)))
            throw new ArgumentException($"ops \"{ops}\" must be a non-empty string of the operators \"{SupportedOps}\"");
        if (count < 0) throw new ArgumentException($"count {count} must not be negative");
        this.minDigits = minDigits;
        this.maxDigits = maxDigits;
        this.ops = ops;
        this.seed = seed;
        Count = count;
    }

    public int Count { get; }
    public IReadOnlyList<string> FieldNames { get; } = [QuestionField, AnswerField];

    public Example this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"the dataset has {Count} examples");
            var random = SplitMix64.For(seed, (ulong)index);
            var left = Operand(ref random);
            var op = ops[(int)random.Below(ops.Length)];
            var right = Operand(ref random);
            var answer = op switch { '+' => left + right, '-' => left - right, _ => left * right };
            return Example.Of(
                (QuestionField, string.Create(CultureInfo.InvariantCulture, $"{left}{op}{right}")),
                (AnswerField, answer.ToString(CultureInfo.InvariantCulture)));
        }
    }

    long Operand(ref SplitMix64 random)
    {
        var digits = minDigits + (int)random.Below(maxDigits - minDigits + 1);
        var low = digits == 1 ? 0 : Pow10(digits - 1);
        return low + random.Below(Pow10(digits) - low);
    }

    static long Pow10(int exponent)
    {
        long value = 1;
        for (var i = 0; i < exponent; i++) value *= 10;
        return value;
    }
}
