namespace Reft.Runtime.Training.Guards;

public enum GuardVerdict
{
    /// <summary>Loss and gradient are finite: take the optimizer step.</summary>
    Proceed,

    /// <summary>Not finite: skip the optimizer step (zero the gradients) and count it.</summary>
    SkipStep,

    /// <summary>Not finite too many times in a row: skip, save a checkpoint, stop the run.</summary>
    Stop,
}

/// <summary>
/// Keeps a non-finite loss or gradient from reaching the weights. Skipped steps leave the weights
/// as they were after the last good step, so a checkpoint taken on <see cref="GuardVerdict.Stop"/>
/// holds the last good state.
/// </summary>
public sealed class NonFiniteGuard
{
    public const int DefaultMaxInARow = 5;

    public NonFiniteGuard(int maxInARow = DefaultMaxInARow, long skippedBefore = 0)
    {
        if (maxInARow < 1) throw new ArgumentOutOfRangeException(nameof(maxInARow), maxInARow, "must be at least 1");
        MaxInARow = maxInARow;
        SkippedTotal = skippedBefore;
    }

    /// <summary>Checkpoint counter under which <see cref="SkippedTotal"/> survives a resume.</summary>
    public const string CounterName = "non_finite_skipped";

    public int MaxInARow { get; }

    public int InARow { get; private set; }

    public long SkippedTotal { get; private set; }

    public double LastLoss { get; private set; }

    public double LastGradNorm { get; private set; }

    public GuardVerdict Check(double loss, double gradNorm)
    {
        LastLoss = loss;
        LastGradNorm = gradNorm;
        if (double.IsFinite(loss) && double.IsFinite(gradNorm))
        {
            InARow = 0;
            return GuardVerdict.Proceed;
        }
        InARow++;
        SkippedTotal++;
        return InARow >= MaxInARow ? GuardVerdict.Stop : GuardVerdict.SkipStep;
    }

    /// <summary>The message of the stopped run, naming where the last good state was saved.</summary>
    public string StopMessage(string stage, int step, string checkpointFolder) =>
        $"stage {stage}, step {step}: error: the loss or gradient was not finite in {InARow} steps in a row " +
        $"(last loss {LastLoss}, grad norm {LastGradNorm}); the run stopped, and the last good weights are saved in {checkpointFolder}. " +
        "Lower the learning rate or set grad_clip, then resume with --resume.";
}

/// <summary>The run cannot go on; the message says why and what to do. Never shown with a stack trace.</summary>
public sealed class TrainingStoppedException(string message) : Exception(message);
