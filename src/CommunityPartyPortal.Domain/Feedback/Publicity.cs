using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Members;

namespace CommunityPartyPortal.Domain.Feedback;

/// <summary>
/// 公示: a unit's list that needs publicity (e.g. the members it commends, 评先选优, or probationary members up for
/// conversion, 预备党员转正). Seed 004: what the unit publicises is also shown in the members' residential communities.
/// The unit writes its own; the communities (and their streets, and the county) read the header of a publicity that
/// lists one of their residents, and those entries; a member reads the publicities that list him or her.
/// </summary>
public class Publicity : EditableEntity
{
    public Guid WorkUnitId { get; set; }
    public int Year { get; set; }
    public required string Title { get; set; }
    /// <summary>What is publicised, in words: 评先选优, 预备党员转正, 干部考察, …</summary>
    public required string Kind { get; set; }
    /// <summary>公示期 (both days inclusive).</summary>
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public string? Note { get; set; }
    public required string CreatedBy { get; set; }

    /// <summary>Why the publicity is not valid as it stands, or null.</summary>
    public string? Problem() =>
        string.IsNullOrWhiteSpace(Title) ? "请填写公示标题"
        : string.IsNullOrWhiteSpace(Kind) ? "请填写公示事项"
        : StartsOn > EndsOn ? "公示开始日期不能晚于结束日期"
        : null;
}

/// <summary>
/// One member on a <see cref="Publicity"/>, with the honour. <see cref="WorkUnitId"/> (the publicity's unit) and
/// <see cref="CommunityId"/> (the member's residential community, null when the member has none) are set by
/// <c>SaveChanges</c> from the publicity and the member: they decide who reads the entry.
/// </summary>
public class PublicityEntry : EditableEntity
{
    public Guid PublicityId { get; set; }
    public Publicity? Publicity { get; set; }
    public Guid MemberId { get; set; }
    public Member? Member { get; set; }
    /// <summary>The publicity's unit (kept by SaveChanges).</summary>
    public Guid WorkUnitId { get; set; }
    /// <summary>The member's residential community when listed (kept by SaveChanges).</summary>
    public Guid? CommunityId { get; set; }
    /// <summary>拟表彰/拟推荐 as what, e.g. 优秀共产党员.</summary>
    public required string Honour { get; set; }
}
