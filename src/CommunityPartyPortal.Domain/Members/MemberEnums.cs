using System.ComponentModel.DataAnnotations;

namespace CommunityPartyPortal.Domain.Members;

public enum Gender
{
    [Display(Name = "男")] Male = 1,
    [Display(Name = "女")] Female = 2,
}

/// <summary>分类管理 (seed 001 item 17): the three rosters.</summary>
public enum MemberCategory
{
    [Display(Name = "在职党员")] InService = 1,
    [Display(Name = "自管党员")] SelfManaged = 2,
    [Display(Name = "流动党员")] Floating = 3,
}

public enum MembershipStatus
{
    [Display(Name = "正式党员")] Full = 1,
    [Display(Name = "预备党员")] Probationary = 2,
}

public enum Education
{
    [Display(Name = "研究生")] Postgraduate = 1,
    [Display(Name = "大学本科")] Bachelor = 2,
    [Display(Name = "大学专科")] College = 3,
    [Display(Name = "中专")] Vocational = 4,
    [Display(Name = "高中")] HighSchool = 5,
    [Display(Name = "初中及以下")] MiddleSchoolOrBelow = 6,
}

/// <summary>The eight service categories (服务岗位/服务内容) of seed 003, as flags for service intentions.</summary>
[Flags]
public enum ServiceCategory
{
    None = 0,
    [Display(Name = "政策宣传")] PolicyPublicity = 1,
    [Display(Name = "法律援助")] LegalAid = 2,
    [Display(Name = "医疗保健")] HealthCare = 4,
    [Display(Name = "扶贫帮困")] PovertyRelief = 8,
    [Display(Name = "便民利民")] Convenience = 16,
    [Display(Name = "文化娱乐")] CultureRecreation = 32,
    [Display(Name = "治安调解")] SecurityMediation = 64,
    [Display(Name = "环境保护")] Environment = 128,
}

public enum FlowDirection
{
    [Display(Name = "流入")] Inflow = 1,
    [Display(Name = "流出")] Outflow = 2,
}
