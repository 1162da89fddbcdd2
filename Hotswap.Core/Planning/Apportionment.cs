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
    public static Seq<int> Split(int total, Seq<int> weights)
    {
        if (weights.IsEmpty) return Seq<int>();
        var sum = weights.Sum();
        if (sum <= 0) return Split(total, weights.Map(_ => 1));
        var floors = weights.Map(w => (int)((long)total * w / sum)).ToArray();
        var remainders = weights.Map(w => (long)total * w % sum).ToArray();
        var spare = total - floors.Sum();
        var order = Enumerable.Range(0, floors.Length)
            .OrderByDescending(i => remainders[i])
            .ThenBy(i => i)
            .Take(spare);
        foreach (var i in order) floors[i]++;
        return floors.ToSeq().Strict();
    }
}
