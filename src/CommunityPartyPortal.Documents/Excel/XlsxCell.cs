namespace CommunityPartyPortal.Documents.Excel;

/// <summary>What a cell holds, which decides how it is stored and formatted.</summary>
public enum XlsxCellKind
{
    /// <summary>No cell is written.</summary>
    Empty = 0,
    /// <summary>A string; text starting with = + - @, a tab or a CR is shown literally (quote prefix), never a formula.</summary>
    Text,
    /// <summary>A whole number, format <c>0</c>.</summary>
    Integer,
    /// <summary>A decimal number, format <c>0.00</c>.</summary>
    Decimal,
    /// <summary>A real Excel date (a serial number) with the format <c>yyyy-mm-dd</c>.</summary>
    Date,
    /// <summary>A yes/no value, written as the text 是 or 否.</summary>
    Boolean,
    /// <summary>A ratio (0.9 = 90%), format <c>0.00%</c>.</summary>
    Percent,
    /// <summary>A decimal number shown with one decimal place (service hours), format <c>0.0</c>.</summary>
    OneDecimal,
    /// <summary>A real Excel date and time (a serial number with a fraction) with the format <c>yyyy-mm-dd hh:mm</c>.</summary>
    DateTime,
}

/// <summary>
/// One typed cell value. Converts implicitly from <see cref="string"/>, <see cref="int"/>, <see cref="long"/>,
/// <see cref="decimal"/>, <see cref="DateOnly"/>, <see cref="System.DateTime"/> and <see cref="bool"/> (and their
/// nullable forms: null is an empty cell), so a column selector can simply return the property.
/// </summary>
public readonly struct XlsxCell
{
    private XlsxCell(XlsxCellKind kind, string? text = null, decimal number = 0, DateOnly date = default, bool flag = false)
    {
        Kind = kind;
        Text = text;
        Number = number;
        Date = date;
        Flag = flag;
    }

    /// <summary>The kind of value; <see cref="XlsxCellKind.Empty"/> for the default value.</summary>
    public XlsxCellKind Kind { get; }

    internal string? Text { get; }
    internal decimal Number { get; }
    internal DateOnly Date { get; }
    internal bool Flag { get; }

    /// <summary>No value: the cell is left out.</summary>
    public static XlsxCell Empty => default;

    /// <summary>Text; null or empty gives an empty cell.</summary>
    public static XlsxCell FromText(string? value) => string.IsNullOrEmpty(value) ? default : new(XlsxCellKind.Text, text: value);

    public static XlsxCell FromInteger(long? value) => value is { } v ? new(XlsxCellKind.Integer, number: v) : default;

    public static XlsxCell FromDecimal(decimal? value) => value is { } v ? new(XlsxCellKind.Decimal, number: v) : default;

    /// <summary>A ratio shown as a percentage: 0.9 is shown as 90.00%.</summary>
    public static XlsxCell FromPercent(decimal? value) => value is { } v ? new(XlsxCellKind.Percent, number: v) : default;

    public static XlsxCell FromDate(DateOnly? value) => value is { } v ? new(XlsxCellKind.Date, date: v) : default;

    /// <summary>A number shown with one decimal place (the value is stored as given: round it first when the shown value must add up).</summary>
    public static XlsxCell FromOneDecimal(decimal? value) => value is { } v ? new(XlsxCellKind.OneDecimal, number: v) : default;

    /// <summary>A date and time to the minute, as given (convert to China time first); seconds are dropped.</summary>
    public static XlsxCell FromDateTime(System.DateTime? value) => value is { } v
        ? new(XlsxCellKind.DateTime, number: (v.Hour * 60) + v.Minute, date: DateOnly.FromDateTime(v))
        : default;

    /// <summary>是 for true, 否 for false.</summary>
    public static XlsxCell FromBoolean(bool? value) => value is { } v ? new(XlsxCellKind.Boolean, flag: v) : default;

    public static implicit operator XlsxCell(string? value) => FromText(value);
    public static implicit operator XlsxCell(int value) => FromInteger(value);
    public static implicit operator XlsxCell(int? value) => FromInteger(value);
    public static implicit operator XlsxCell(long value) => FromInteger(value);
    public static implicit operator XlsxCell(long? value) => FromInteger(value);
    public static implicit operator XlsxCell(decimal value) => FromDecimal(value);
    public static implicit operator XlsxCell(decimal? value) => FromDecimal(value);
    public static implicit operator XlsxCell(DateOnly value) => FromDate(value);
    public static implicit operator XlsxCell(DateOnly? value) => FromDate(value);
    public static implicit operator XlsxCell(bool value) => FromBoolean(value);
    public static implicit operator XlsxCell(bool? value) => FromBoolean(value);
    public static implicit operator XlsxCell(System.DateTime value) => FromDateTime(value);
    public static implicit operator XlsxCell(System.DateTime? value) => FromDateTime(value);

    public override string ToString() => Kind switch
    {
        XlsxCellKind.Text => Text ?? "",
        XlsxCellKind.Integer or XlsxCellKind.Decimal or XlsxCellKind.Percent => Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        XlsxCellKind.OneDecimal => Number.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture),
        XlsxCellKind.DateTime => Date.ToDateTime(TimeOnly.FromTimeSpan(TimeSpan.FromMinutes((double)Number))).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        XlsxCellKind.Date => Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        XlsxCellKind.Boolean => Flag ? "是" : "否",
        _ => "",
    };
}
