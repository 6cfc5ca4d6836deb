namespace CommunityPartyPortal.Domain.Reporting;

/// <summary>The next number of a document type in a year (证明信, 报到回执, 信息卡, 承诺卡, …).</summary>
public class SerialCounter
{
    public required string DocumentType { get; set; }
    public int Year { get; set; }
    public int Next { get; set; }
}
