using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Warren.Benchmarks;

/// <summary>
/// MB/s of packet data for benchmarks that handle one packet of <see cref="PacketBytes"/> per
/// operation: bytes / mean time, so an encrypt+decrypt op counts the packet once.
/// </summary>
public sealed class PacketThroughputColumn : IColumn
{
    /// <summary>Bytes of packet data per operation.</summary>
    public const int PacketBytes = 32768;

    public string Id => nameof(PacketThroughputColumn);

    public string ColumnName => "MB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => $"{PacketBytes} bytes of packet per operation / mean time, in 10^6 bytes per second";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return meanNanoseconds is > 0
            ? (PacketBytes / meanNanoseconds.Value * 1000).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)
            : "NA";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
