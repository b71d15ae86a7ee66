using System.Text.RegularExpressions;
using Reft.Cli.Commands;
using Reft.Cli.Tests.Cli;
using Reft.Runtime.Torch;

namespace Reft.Cli.Tests.Commands;

/// <summary>A test of what doctor says on a machine without CUDA (CI's); skipped where a GPU is present.</summary>
public sealed class NoCudaFactAttribute : FactAttribute
{
    public NoCudaFactAttribute()
    {
        if (torch.cuda.is_available()) Skip = "this machine has CUDA, so doctor runs the GPU checks instead of skipping them";
    }
}

public class DoctorCommandTests
{
    [NoCudaFact]
    public void Without_cuda_doctor_reports_the_cpu_facts_and_skips_the_gpu_checks()
    {
        var (exitCode, output, error) = CliRunner.Run("doctor");

        Assert.Equal((0, ""), (exitCode, error));
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.StartsWith("reftc            1.", lines[0]);
        Assert.Matches(@"^native runtime   /.*/libreft_native\.so$", lines[2]);
        Assert.Matches(@"^threads          [1-9]\d*$", lines[4]);
        Assert.Equal("CUDA             not available (0 devices)", lines[5]);
        Assert.Equal("no CUDA device: GPU checks skipped", lines[^1]);
    }

    [Fact]
    public void The_cpu_agrees_with_itself_exactly_in_float32_and_within_tolerance_in_bfloat16()
    {
        var (exitCode, output, error) = CliRunner.Run("doctor", "--device", "cpu");

        Assert.Equal((0, ""), (exitCode, error));
        var checks = output.Split('\n').Where(line => line.StartsWith("  ", StringComparison.Ordinal)).ToList();
        Assert.Equal(12, checks.Count);
        Assert.All(checks, line => Assert.StartsWith("  ok ", line));
        // The same kernels on the same inputs: float32 results are bit-identical.
        Assert.Equal(6, checks.Count(line => Regex.IsMatch(line, @"float32 +max\|Δ\| 0\.0e\+00 ")));
        Assert.EndsWith("all checks ok\n", output);
    }

    [NoCudaFact]
    public void Asking_for_a_cuda_device_without_cuda_is_an_error()
    {
        var (exitCode, _, error) = CliRunner.Run("doctor", "--device", "cuda:1");

        Assert.Equal(1, exitCode);
        Assert.Equal("reftc: error: cuda:1 was asked for, but CUDA is not available (no device, or a libtorch built without CUDA)\n", error);
    }

    [Fact]
    public void A_malformed_device_is_a_usage_error()
    {
        var (exitCode, _, error) = CliRunner.Run("doctor", "--device", "gpu");

        Assert.Equal((2, "reftc: error: --device 'gpu' is not a device; use cuda:N (N = 0, 1, ...) or cpu\n"), (exitCode, error));
    }

    [Fact]
    public void The_difference_is_the_largest_elementwise_one()
    {
        using var reference = torch.tensor(new[] { 1f, 2f, 3f });
        using var candidate = torch.tensor(new[] { 1f, 2.5f, 2f });

        Assert.Equal(1.0, DeviceAgreement.MaxAbsDifference(reference, candidate));
    }

    [Fact]
    public void A_nan_makes_the_difference_nan_and_the_check_fail()
    {
        using var reference = torch.tensor(new[] { 1f, 2f });
        using var candidate = torch.tensor(new[] { 1f, float.NaN });

        Assert.True(double.IsNaN(DeviceAgreement.MaxAbsDifference(reference, candidate)));
        Assert.False(DeviceAgreement.Compare("nan", ScalarType.Float32, reference, candidate).Ok);
    }

    [Fact]
    public void Different_shapes_are_not_compared()
    {
        using var reference = torch.zeros([2, 3]);
        using var candidate = torch.zeros([3, 2]);

        Assert.Throws<ArgumentException>(() => DeviceAgreement.MaxAbsDifference(reference, candidate));
    }

    // float32 allows 1e-5 + 1e-4 * 200 = 0.02001 around a reference whose largest magnitude is 200;
    // 1/64 = 0.015625 is inside it and 1/32 = 0.03125 outside (both exact in float32).
    [Theory]
    [InlineData(-199.984375f, 0.015625, true)]
    [InlineData(-199.96875f, 0.03125, false)]
    public void Float32_allows_a_ten_thousandth_of_the_largest_reference_value(float candidateValue, double difference, bool ok)
    {
        using var reference = torch.tensor(new[] { 100f, -200f });
        using var candidate = torch.tensor(new[] { 100f, candidateValue });

        var result = DeviceAgreement.Compare("scaled", ScalarType.Float32, reference, candidate);

        Assert.Equal((difference, 0.02001, ok), (result.MaxAbsDifference, Math.Round(result.Allowed, 10), result.Ok));
    }

    // 1.0234375 is the next-but-two bfloat16 after 1 (steps of 2⁻⁷): 0.0234375 off, inside bfloat16's
    // 1e-2 + 2e-2 * 1 = 0.03 but far outside float32's 1e-5 + 1e-4 * 1.
    [Fact]
    public void Bfloat16_allows_a_few_roundings_that_float32_does_not()
    {
        using var reference = torch.tensor(new[] { 1f });
        using var candidate = torch.tensor(new[] { 1.0234375f });

        Assert.True(DeviceAgreement.Compare("bf16", ScalarType.BFloat16, reference, candidate).Ok);
        Assert.False(DeviceAgreement.Compare("bf16", ScalarType.Float32, reference, candidate).Ok);
    }

    [Fact]
    public void Each_check_is_one_line_with_its_verdict_and_difference()
    {
        var passed = new AgreementResult("matmul 256x256", ScalarType.Float32, 3.1e-6, 7e-3);
        var failed = new AgreementResult("causal attention", ScalarType.BFloat16, double.NaN, double.NaN, "CUDA error: no kernel image\nstack");

        Assert.Equal("  ok     matmul 256x256          float32   max|Δ| 3.1e-06 (allowed 7.0e-03)", DoctorCommand.Line(passed));
        Assert.Equal("  FAILED causal attention        bfloat16  error: CUDA error: no kernel image", DoctorCommand.Line(failed));
    }

    [Fact]
    public void The_loaded_native_library_is_found_in_the_memory_map()
    {
        _ = torch.get_num_threads();

        Assert.EndsWith("/libreft_native.so", LoadedLibraries.Find("libreft_native.so"));
        Assert.Null(LoadedLibraries.Find("libno-such-library.so"));
    }
}
