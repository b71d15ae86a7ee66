namespace Reft.Runtime.Algorithms;

internal static class GroupChecks
{
    public static void Require(int rows, int group)
    {
        if (group < 1) throw new ArgumentOutOfRangeException(nameof(group), group, "group size must be at least 1 completion");
        if (rows % group != 0) throw new ArgumentException($"{rows} rows are not whole groups of {group} completions; pass complete groups");
    }
}
