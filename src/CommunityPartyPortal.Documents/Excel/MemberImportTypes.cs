namespace CommunityPartyPortal.Documents.Excel;

/// <summary>
/// The checks <see cref="MemberImport"/> needs from the portal, so that the GB 11643 and mobile rules and the
/// organisation lookups stay in the Domain and the web layer.
/// </summary>
public interface IMemberImportRules
{
    /// <summary>Today in China: dates after it are refused.</summary>
    DateOnly Today { get; }

    /// <summary>The Chinese error for a non-blank 身份证号 (check digit, birth date…), or null when valid.</summary>
    string? ValidateNationalId(string value);

    /// <summary>The Chinese error for a non-blank 手机号码, or null when valid.</summary>
    string? ValidateMobile(string value);

    /// <summary>The work unit with this name that the importing user may assign, or null.</summary>
    Guid? FindWorkUnit(string name);

    /// <summary>The grid with this name in the importing community, or null.</summary>
    Guid? FindGrid(string name);
}

/// <summary>One problem found in the file.</summary>
/// <param name="Row">The sheet row number as Excel shows it; 0 for the file as a whole.</param>
/// <param name="Column">The Chinese header of the column; empty for a whole row or the file.</param>
/// <param name="Message">What is wrong, in Chinese.</param>
public sealed record ImportError(int Row, string Column, string Message)
{
    public override string ToString() =>
        Row == 0 ? Message : Column.Length == 0 ? $"第{Row}行：{Message}" : $"第{Row}行【{Column}】：{Message}";
}

/// <summary>A member row read from the file, checked: raw texts and parsed values.</summary>
public sealed record ImportedMemberRow
{
    /// <summary>The sheet row number as Excel shows it.</summary>
    public int Row { get; init; }

    /// <summary>The cell texts as read (trimmed), by header name, for the columns present in the file.</summary>
    public IReadOnlyDictionary<string, string> Raw { get; init; } = new Dictionary<string, string>();

    public string Name { get; init; } = "";
    /// <summary>男/女, or null to take it from the 身份证号.</summary>
    public string? Gender { get; init; }
    /// <summary>Null to take it from the 身份证号.</summary>
    public DateOnly? BirthDate { get; init; }
    public string? Ethnicity { get; init; }
    /// <summary>One of <see cref="MemberImportColumns.Educations"/>.</summary>
    public string Education { get; init; } = "";
    /// <summary>One of <see cref="MemberImportColumns.Categories"/>.</summary>
    public string Category { get; init; } = "";
    /// <summary>One of <see cref="MemberImportColumns.Statuses"/>.</summary>
    public string Status { get; init; } = "";
    public DateOnly JoinedPartyOn { get; init; }
    /// <summary>As validated by <see cref="IMemberImportRules.ValidateNationalId"/>, trimmed, x upper-cased.</summary>
    public string NationalId { get; init; } = "";
    /// <summary>As validated by <see cref="IMemberImportRules.ValidateMobile"/>, trimmed.</summary>
    public string Mobile { get; init; } = "";
    public string? WorkUnitName { get; init; }
    public Guid? WorkUnitId { get; init; }
    public string? JobTitle { get; init; }
    public string? GridName { get; init; }
    public Guid? GridId { get; init; }
    public string? Building { get; init; }
    public string? Room { get; init; }
    public string? Address { get; init; }
    public string? Specialties { get; init; }
    /// <summary>Each one of <see cref="MemberImportColumns.ServiceCategories"/>, without repeats.</summary>
    public IReadOnlyList<string> ServiceIntentions { get; init; } = [];
    public string? FreeTime { get; init; }
}

/// <summary>
/// The outcome of <see cref="MemberImport"/>. Nothing has been written anywhere.
/// </summary>
/// <param name="Errors">
/// Every problem found, in the order read (file and header problems, then row by row, column by column in template
/// order). Empty when the whole file is good.
/// </param>
/// <param name="Rows">
/// Every data row that passed all of its cell checks, in sheet order — <b>also when other rows have errors</b>, so
/// that the caller can run its own checks (against the database, the member form's rules) on them at once and list
/// every bad row in one answer. A row with any cell error is never here (its values are not all known). Empty when
/// the file or its header could not be read. These rows are only safe to save when <see cref="Succeeded"/>.
/// </param>
public sealed record MemberImportResult(IReadOnlyList<ImportError> Errors, IReadOnlyList<ImportedMemberRow> Rows)
{
    /// <summary>No problem at all: <see cref="Rows"/> is then every data row of the file.</summary>
    public bool Succeeded => Errors.Count == 0;

    internal static MemberImportResult Fail(string message) => new([new ImportError(0, "", message)], []);
}
