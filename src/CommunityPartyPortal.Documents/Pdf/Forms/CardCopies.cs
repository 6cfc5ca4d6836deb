namespace CommunityPartyPortal.Documents.Pdf.Forms;

/// <summary>The two copies of a card (一式两份): the unit's and the community's.</summary>
public static class CardCopies
{
    public const string Unit = "单位党组织留存";
    public const string Community = "社区党组织留存";

    /// <summary>Marks printed when both copies are asked for, in page order.</summary>
    internal static readonly string?[] Both = [Unit, Community];

    internal static readonly string?[] Single = [null];
}
