namespace Reft.Runtime.Models;

/// <summary>The inverse frequencies of rotary position embeddings, as Hugging Face computes them.</summary>
public static class RotaryFrequencies
{
    /// <summary>One inverse frequency per pair of head dimensions: theta^(-2i/d), then scaled.</summary>
    public static double[] Inverse(int headDim, double theta, RopeScaling? scaling)
    {
        var half = headDim / 2;
        var inverse = new double[half];
        for (var i = 0; i < half; i++)
        {
            inverse[i] = 1.0 / Math.Pow(theta, 2.0 * i / headDim);
        }

        return scaling?.Kind switch
        {
            null => inverse,
            RopeScalingKind.Linear => inverse.Select(frequency => frequency / scaling.Factor).ToArray(),
            RopeScalingKind.Llama3 => inverse.Select(frequency => Llama3(frequency, scaling)).ToArray(),
            _ => throw new ArgumentOutOfRangeException(nameof(scaling), scaling, null),
        };
    }

    private static double Llama3(double frequency, RopeScaling scaling)
    {
        var oldContext = (double)scaling.OriginalMaxPositionEmbeddings;
        var lowFrequencyWavelength = oldContext / scaling.LowFreqFactor;
        var highFrequencyWavelength = oldContext / scaling.HighFreqFactor;
        var wavelength = 2 * Math.PI / frequency;
        if (wavelength < highFrequencyWavelength)
        {
            return frequency;
        }

        if (wavelength > lowFrequencyWavelength)
        {
            return frequency / scaling.Factor;
        }

        var smooth = (oldContext / wavelength - scaling.LowFreqFactor) / (scaling.HighFreqFactor - scaling.LowFreqFactor);
        return (1 - smooth) * frequency / scaling.Factor + smooth * frequency;
    }
}
