using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;

namespace CommunityPartyPortal.Domain.Assessment;

/// <summary>
/// A scoring session (考评): an organisation (a street for its communities, a community for its members, or the county)
/// scores its targets against a published rubric for a year. The session's scorers (and the county) enter a score per
/// target, item and part; <see cref="Lock"/> makes the session final once every target has every item scored — a session
/// is never locked with missing scores (they are not taken as 0: the scorer enters 0 explicitly). Nothing of a locked
/// session changes any more. <c>SaveChanges</c> enforces these rules again (<see cref="AssessmentRules"/>).
/// </summary>
public class ScoringSession : EditableEntity
{
    public const int TitleMaxLength = 100;

    public Guid RubricId { get; set; }
    public Rubric? Rubric { get; set; }
    public int Year { get; set; }
    public required string Title { get; set; }
    /// <summary>The organisation that opened the session: a street, a community (member rubrics) or the county.</summary>
    public Guid OrganizationId { get; set; }
    public ScoringSessionStatus Status { get; set; } = ScoringSessionStatus.Open;
    public DateTime? LockedAt { get; set; }
    public string? LockedBy { get; set; }

    public List<ScoringTarget> Targets { get; } = [];
    public List<ScoringScorer> Scorers { get; } = [];

    public bool IsLocked => Status == ScoringSessionStatus.Locked;

    /// <summary>A new open session of <paramref name="organizationId"/> on a published rubric.</summary>
    /// <exception cref="AssessmentException">The rubric is a draft or the title is missing.</exception>
    public static ScoringSession Open(Rubric rubric, int year, string title, Guid organizationId)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        if (!rubric.IsPublished) throw new AssessmentException("考评细则尚未发布，不能用于评分");
        if (string.IsNullOrWhiteSpace(title)) throw new AssessmentException("请填写考评名称");
        if (title.Length > TitleMaxLength) throw new AssessmentException($"考评名称不能超过{TitleMaxLength}个字");
        return new ScoringSession { RubricId = rubric.Id, Year = year, Title = title.Trim(), OrganizationId = organizationId };
    }

    /// <summary>Adds a community, street or unit as a target (it must be the kind the rubric scores).</summary>
    public ScoringTarget AddTarget(Rubric rubric, Organization organization)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        ArgumentNullException.ThrowIfNull(organization);
        EnsureOpen();
        var expected = rubric.Target switch
        {
            RubricTarget.Community => OrgKind.Community,
            RubricTarget.Street => OrgKind.Street,
            RubricTarget.Unit => OrgKind.WorkUnit,
            _ => throw new AssessmentException("党员考评的对象是党员，不是组织"),
        };
        if (organization.Kind != expected) throw new AssessmentException($"“{organization.Name}”不是{rubric.Target.Text()}，不能作为本次考评的对象");
        if (Targets.Any(t => t.OrganizationId == organization.Id)) throw new AssessmentException($"“{organization.Name}”已是本次考评的对象");
        var target = new ScoringTarget
        {
            SessionId = Id, SessionOrganizationId = OrganizationId, OrganizationId = organization.Id,
            CommunityId = organization.Kind == OrgKind.Community ? organization.Id : null,
        };
        Targets.Add(target);
        return target;
    }

    /// <summary>Adds a member as a target of a member rubric; the member's community is kept for scoping.</summary>
    public ScoringTarget AddTarget(Rubric rubric, Member member)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        ArgumentNullException.ThrowIfNull(member);
        EnsureOpen();
        if (rubric.Target != RubricTarget.Member) throw new AssessmentException($"本次考评的对象是{rubric.Target.Text()}，不是党员");
        if (Targets.Any(t => t.MemberId == member.Id)) throw new AssessmentException($"{member.Name}已是本次考评的对象");
        var target = new ScoringTarget { SessionId = Id, SessionOrganizationId = OrganizationId, MemberId = member.Id, CommunityId = member.CommunityId };
        Targets.Add(target);
        return target;
    }

    /// <summary>Makes a user one of the session's scorers.</summary>
    public ScoringScorer AddScorer(Guid userId, string userName)
    {
        EnsureOpen();
        if (Scorers.Any(s => s.UserId == userId)) throw new AssessmentException($"{userName}已是本次考评的评分人");
        var scorer = new ScoringScorer { SessionId = Id, UserId = userId, UserName = userName };
        Scorers.Add(scorer);
        return scorer;
    }

    /// <summary>The user may score: one of the session's scorers, or the county (<paramref name="county"/>). Scorers loaded.</summary>
    public bool MayScore(Guid? userId, bool county) => county || (userId is { } id && Scorers.Any(s => s.UserId == id));

    /// <summary>
    /// Enters (or changes) the score of a target for an item and part: a new <see cref="Score"/> when
    /// <paramref name="existing"/> is null, else that score changed. Targets and scorers loaded; the rubric with its items.
    /// </summary>
    /// <exception cref="AssessmentException">Locked, not a scorer, not this session's target or rubric item, or points out of range.</exception>
    public Score SetScore(Rubric rubric, Score? existing, Guid targetId, Guid itemId, ScorePart part, decimal points, string? comment,
        Guid? userId, string userName, bool county)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        EnsureOpen();
        if (!MayScore(userId, county)) throw new AssessmentException("您不是本次考评的评分人");
        if (rubric.Id != RubricId) throw new AssessmentException("考评细则与本次考评不符");
        if (Targets.All(t => t.Id != targetId)) throw new AssessmentException("该对象不在本次考评中");
        var item = rubric.Items.FirstOrDefault(i => i.Id == itemId) ?? throw new AssessmentException("该考评内容不在本考评细则中");
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        AssessmentRules.CheckScore(item, rubric.WeightOf(part), part, points, comment);
        var score = existing ?? new Score { SessionId = Id, TargetId = targetId, ItemId = itemId, Part = part, ScoredBy = userName };
        if (score.SessionId != Id || score.TargetId != targetId || score.ItemId != itemId || score.Part != part)
        {
            throw new AssessmentException("评分记录与对象、考评内容不符");
        }
        score.Points = points;
        score.Comment = comment;
        score.ScoredBy = userName;
        score.ScorerId = userId;
        return score;
    }

    /// <summary>Locks the session once every target has a score for every item and part of the rubric.</summary>
    /// <exception cref="AssessmentException">Already locked, no targets, or scores are missing (the message says how many).</exception>
    public void Lock(Rubric rubric, IReadOnlyCollection<Score> scores, string userName, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        ArgumentNullException.ThrowIfNull(scores);
        EnsureOpen();
        if (Targets.Count == 0) throw new AssessmentException("本次考评还没有考评对象，不能锁定");
        var missing = AssessmentRules.MissingScores(rubric, Targets.Select(t => t.Id).ToList(), scores);
        if (missing > 0) throw new AssessmentException($"还有{missing}项未评分，全部评分后才能锁定");
        Status = ScoringSessionStatus.Locked;
        LockedAt = now;
        LockedBy = userName;
    }

    private void EnsureOpen()
    {
        if (IsLocked) throw new AssessmentException("本次考评已锁定，不能再修改");
    }
}

/// <summary>
/// What a session scores: a community, street or unit (<see cref="OrganizationId"/>) or a member (<see cref="MemberId"/>).
/// <see cref="CommunityId"/> (the community target itself, or the member's community) and <see cref="SessionOrganizationId"/>
/// (the session's owner, fixed) are kept for scoping without joining the session.
/// </summary>
public class ScoringTarget : EditableEntity
{
    public Guid SessionId { get; set; }
    public Guid SessionOrganizationId { get; set; }
    public Guid? OrganizationId { get; set; }
    public Guid? MemberId { get; set; }
    public Member? Member { get; set; }
    public Guid? CommunityId { get; set; }
}

/// <summary>A user who may score in a session (评分人).</summary>
public class ScoringScorer : EditableEntity
{
    public Guid SessionId { get; set; }
    public Guid UserId { get; set; }
    public required string UserName { get; set; }
}

/// <summary>
/// The score of one target for one rubric item and part (unique), between 0 and the item's points, with a comment.
/// <see cref="EditableEntity.Version"/> makes concurrent edits of the same score fail instead of overwriting.
/// </summary>
public class Score : EditableEntity
{
    public const int CommentMaxLength = 300;

    public Guid SessionId { get; set; }
    public Guid TargetId { get; set; }
    public Guid ItemId { get; set; }
    public ScorePart Part { get; set; } = ScorePart.Organisation;
    public decimal Points { get; set; }
    public string? Comment { get; set; }
    /// <summary>The scorer's user name (shown on the score sheet).</summary>
    public required string ScoredBy { get; set; }
    /// <summary>The scorer's user id (null for the system).</summary>
    public Guid? ScorerId { get; set; }
}
