using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Organizations;

namespace CommunityPartyPortal.Domain.Reporting;

/// <summary>核实单位党员数: the in-service member count a unit verified for a year (the rate's denominator).</summary>
public class UnitVerification : EditableEntity
{
    public Guid WorkUnitId { get; set; }
    public Organization? WorkUnit { get; set; }
    public int Year { get; set; }
    public int VerifiedCount { get; set; }
    public required string VerifiedBy { get; set; }
    public string? Notes { get; set; }
}
