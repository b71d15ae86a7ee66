using Reft.Compiler.Binding;
using Reft.Compiler.Binding.Knobs;
using Reft.Compiler.Plan;

namespace Reft.Compiler.Checks;

/// <summary>Rewards that cannot change an advantage, and prompts the tokenizer cannot render as intended.</summary>
public sealed class RewardCheck : IPlanCheck
{
    public void Run(CheckContext context)
    {
        foreach (var reward in context.Plan.Rewards)
        {
            if (!reward.DependsOnCompletion)
                context.Report(DiagnosticCatalog.RewardIgnoresCompletion(context.Source, reward.Expression.Span, reward.Name));
            if (reward.Weight == 0)
                context.Report(DiagnosticCatalog.ZeroWeightReward(context.Source, context.At("reward " + reward.Name, KnobTable.RewardWeight.Path, reward.Span), reward.Name));
        }
        if (context.PipelineBound(KnobTable.Prompt.Path, Placeholders.Policy) && context.Plan.Prompt.Kind == PromptKind.Chat && context.Plan.Policy.Tokenizer.Kind == TokenizerKind.Chars)
            context.Report(DiagnosticCatalog.ChatPromptWithChars(context.Source, context.Plan.Prompt.Span));
    }
}
