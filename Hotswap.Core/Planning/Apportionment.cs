namespace Hotswap.Core.Planning;

/// <summary>The largest-remainder method: split an integer total in proportion to integer quotas.</summary>
public static class Apportionment
{
    /// <summary>
    /// Splits <paramref name="total"/> across <paramref name="weights"/> in proportion to their
    /// weights; the units left after flooring go to the largest remainders, ties to the part that
    /// comes first in the given order. The result always sums to <paramref name="total"/>.
    /// Equal weights split evenly. Example: 67 over three equal parts → 23, 22, 22 (67/3 = 22 r 1;
    /// the first part takes the spare unit). 33 over weights 70, 30 → 23, 10 (23.1 and 9.9: floors
    /// 23 + 9 = 32, the larger remainder .9 takes the last unit).
    /// </summary>
    public static Seq<int> Split(int total, Seq<int> weights) =>
        weights.IsEmpty ? Seq<int>() : toSeq(Parts(total, weights.ToArray()));

    /// <summary>The same split over an array, for the planner's hot path (the array is not changed).</summary>
    internal static int[] Parts(int total, int[] weights)
    {
        if (weights.Length == 0) return [];
        var equal = weights[0] > 0;
        for (var i = 1; i < weights.Length && equal; i++) equal = weights[i] == weights[0];
        if (equal) return Evenly(total, weights.Length);
        var w = (int[])weights.Clone();
        var sum = 0L;
        foreach (var x in w) sum += x;
        if (sum <= 0) { System.Array.Fill(w, 1); sum = w.Length; }
        var parts = new int[w.Length];
        var remainders = new long[w.Length];
        var spare = total;
        for (var i = 0; i < w.Length; i++)
        {
            parts[i] = (int)((long)total * w[i] / sum);
            remainders[i] = (long)total * w[i] % sum;
            spare -= parts[i];
        }
        // Spare units go to the largest remainders; a stable pass keeps ties in the given order.
        for (; spare > 0; spare--)
        {
            var best = -1;
            for (var i = 0; i < w.Length; i++)
                if (remainders[i] >= 0 && (best < 0 || remainders[i] > remainders[best])) best = i;
            parts[best]++;
            remainders[best] = -1;
        }
        return parts;
    }

    /// <summary>Equal weights: everyone gets total / n, the first total mod n get one more.</summary>
    private static int[] Evenly(int total, int n)
    {
        var parts = new int[n];
        for (var i = 0; i < n; i++) parts[i] = total / n + (i < total % n ? 1 : 0);
        return parts;
    }
}
