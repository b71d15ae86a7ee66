using Reft.Compiler.Binding.Expressions;
using Reft.Compiler.Plan;
using Reft.Runtime.Rewards;
using Reft.Runtime.Text;

namespace Reft.Bench;

/// <summary>
/// The example's reward, read from its plan: a weight on "number(completion) == number(answer)"
/// plus a coefficient on "C * length(completion)". The benchmark cannot run compiled reward code,
/// so it knows these two shapes and refuses any other term rather than score differently.
/// </summary>
public sealed record ArithReward(double CorrectWeight, double PerToken)
{
    private const string CorrectTerm = "(number(completion) == number(answer))";
    private const string LengthCall = "length(completion)";

    public static ArithReward From(TrainingPlan plan)
    {
        double correct = 0, perToken = 0;
        foreach (var reward in plan.Rewards)
        {
            switch (reward.Expression)
            {
                case var expression when BoundExpressionText.Render(expression) == CorrectTerm:
                    correct += reward.Weight;
                    break;
                case BoundBinary { Operator: BoundBinaryOperator.Multiply } product when Constant(product.Left) is { } coefficient && BoundExpressionText.Render(product.Right) == LengthCall:
                    perToken += reward.Weight * coefficient;
                    break;
                default:
                    throw new NotSupportedException(
                        $"reward {reward.Name} = {BoundExpressionText.Render(reward.Expression)}: the benchmarks know only {CorrectTerm} and C * {LengthCall}; teach {nameof(ArithReward)} the new term");
            }
        }
        return new ArithReward(correct, perToken);
    }

    /// <summary>A literal, possibly negated ("-0.01" binds as the negation of 0.01).</summary>
    private static double? Constant(BoundExpression expression) => expression switch
    {
        BoundNumber number => number.Value,
        BoundUnary { Operator: BoundUnaryOperator.Negate } negation => -Constant(negation.Operand),
        _ => null,
    };

    public double Score(string completion, string answer, ITokenizer tokenizer)
    {
        var correct = Verifiers.Equal(Verifiers.Number(completion), Verifiers.Number(answer));
        return CorrectWeight * (correct ? 1.0 : 0.0) + PerToken * Verifiers.Length(completion, tokenizer);
    }

    public override string ToString() => $"{CorrectWeight:0.###} * correct {(PerToken < 0 ? "-" : "+")} {Math.Abs(PerToken):0.###} * tokens";
}
