using CommunityPartyPortal.Domain.Feedback;

namespace CommunityPartyPortal.Domain.Summaries;

/// <summary>
/// The 服务群众 figures of a unit or community, year to date (1 January to the date, both inclusive; see
/// <see cref="SummaryQueries.ServiceAsync"/> for who counts where).
/// </summary>
/// <param name="Members">In-service members with an active report at the date and not moved out by then.</param>
/// <param name="Services">Confirmed service records of the period.</param>
/// <param name="Days">Distinct service days, per member (two members on one day are two member-days).</param>
/// <param name="Minutes">Their minutes (<see cref="Hours"/> is recomputed from the sum).</param>
/// <param name="MeetingRequirements">Of <see cref="Members"/>, those who meet every annual rule of the year as of the end of the date.</param>
/// <param name="PostsClaimed">Posts held under an approved claim at some time in the period.</param>
/// <param name="WishesFulfilled">Wishes fulfilled in the period.</param>
/// <param name="HouseholdsPaired">Households paired at some time in the period, distinct per member, summed over members.</param>
/// <param name="HouseholdsVisited">Households with at least one visit in the period, distinct per member, summed.</param>
/// <param name="Visits">Household visits in the period.</param>
/// <param name="Suggestions">Suggestions submitted in the period.</param>
/// <param name="Excellent">Members whose grade of the year is 优秀 (see <see cref="SummaryQueries.ServiceAsync"/>).</param>
/// <param name="Vetoes">Members with a 一票否决 on any card of the year sent by the date.</param>
public sealed record ServiceFigures(
    int Members,
    int Services,
    int Days,
    int Minutes,
    int MeetingRequirements,
    int PostsClaimed,
    int WishesFulfilled,
    int HouseholdsPaired,
    int HouseholdsVisited,
    int Visits,
    int Suggestions,
    int Excellent,
    int Qualified,
    int BasicallyQualified,
    int Unqualified,
    int Vetoes) : ISummaryFigures<ServiceFigures>
{
    public static readonly ServiceFigures Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Minutes / 60, one decimal.</summary>
    public decimal Hours => Math.Round(Minutes / 60m, 1, MidpointRounding.AwayFromZero);

    /// <summary>Meeting the requirements / members in percent, one decimal; null without members.</summary>
    public decimal? RequirementRatePercent => Members == 0 ? null : Math.Round(100m * MeetingRequirements / Members, 1);

    public int GradeCount(FeedbackGrade grade) => grade switch
    {
        FeedbackGrade.Excellent => Excellent,
        FeedbackGrade.Qualified => Qualified,
        FeedbackGrade.BasicallyQualified => BasicallyQualified,
        FeedbackGrade.Unqualified => Unqualified,
        _ => 0,
    };

    public bool IsEmpty => this with { } == Zero;

    /// <summary>The service table has no threshold to highlight.</summary>
    public bool BelowThreshold => false;

    public ServiceFigures Plus(ServiceFigures o) => new(
        Members + o.Members, Services + o.Services, Days + o.Days, Minutes + o.Minutes, MeetingRequirements + o.MeetingRequirements,
        PostsClaimed + o.PostsClaimed, WishesFulfilled + o.WishesFulfilled, HouseholdsPaired + o.HouseholdsPaired,
        HouseholdsVisited + o.HouseholdsVisited, Visits + o.Visits, Suggestions + o.Suggestions, Excellent + o.Excellent,
        Qualified + o.Qualified, BasicallyQualified + o.BasicallyQualified, Unqualified + o.Unqualified, Vetoes + o.Vetoes);
}
