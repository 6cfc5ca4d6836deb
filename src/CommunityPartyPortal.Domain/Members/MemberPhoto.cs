namespace CommunityPartyPortal.Domain.Members;

/// <summary>The member's photo (红底小二寸), stored with the record in its own row so lists never load it.</summary>
public class MemberPhoto
{
    public Guid MemberId { get; set; }
    public Member? Member { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Content { get; set; }
    public DateTime UpdatedAt { get; set; }
}
