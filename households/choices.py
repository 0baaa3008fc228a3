"""Value lists of the register; stored values are English, labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VillagePovertyStatus(models.TextChoices):
    NONE = "none", _("Not a poor village")
    PROVINCIAL = "provincial", _("Provincial-level poor village")
    CITY = "city", _("City-level poor village")


class Category(models.TextChoices):
    GENERAL = "general", _("Ordinary poor household")
    DIBAO = "dibao", _("Minimum-allowance poor household")
    TEKUN = "tekun", _("Extreme-poverty supported household")


class HouseholdType(models.TextChoices):
    """户类型: a household on the register (脱贫户), under monitoring (监测户), or neither (一般农户)."""

    POVERTY = "poverty", _("Household lifted out of poverty")
    MONITORED = "monitored", _("Monitored household")
    GENERAL = "general", _("Ordinary rural household")


class PovertyCause(models.TextChoices):
    ILLNESS = "illness", _("Illness")
    DISABILITY = "disability", _("Disability")
    SCHOOLING = "schooling", _("Schooling costs")
    DISASTER = "disaster", _("Disaster")
    LACK_LAND = "lack_land", _("Lack of land")
    LACK_WATER = "lack_water", _("Lack of water")
    LACK_SKILLS = "lack_skills", _("Lack of skills")
    LACK_LABOR = "lack_labor", _("Lack of labor")
    LACK_FUNDS = "lack_funds", _("Lack of funds")
    POOR_TRANSPORT = "poor_transport", _("Poor transport")
    LACK_MOTIVATION = "lack_motivation", _("Lack of motivation")


class Relation(models.TextChoices):
    HEAD = "head", _("Head of household")
    SPOUSE = "spouse", _("Spouse")
    SON = "son", _("Son")
    DAUGHTER = "daughter", _("Daughter")
    DAUGHTER_IN_LAW = "daughter_in_law", _("Daughter-in-law")
    SON_IN_LAW = "son_in_law", _("Son-in-law")
    GRANDSON = "grandson", _("Grandson")
    GRANDDAUGHTER = "granddaughter", _("Granddaughter")
    FATHER = "father", _("Father")
    MOTHER = "mother", _("Mother")
    # The rest of the national register's relation codes (与户主关系, docs/IMPORT_FORMAT.md).
    DAUGHTERS_SON = "daughters_son", _("Daughter's son")
    DAUGHTERS_DAUGHTER = "daughters_daughter", _("Daughter's daughter")
    WIFES_FATHER = "wifes_father", _("Wife's father")
    WIFES_MOTHER = "wifes_mother", _("Wife's mother")
    HUSBANDS_FATHER = "husbands_father", _("Husband's father")
    HUSBANDS_MOTHER = "husbands_mother", _("Husband's mother")
    GRANDFATHER = "grandfather", _("Grandfather")
    GRANDMOTHER = "grandmother", _("Grandmother")
    MATERNAL_GRANDFATHER = "maternal_grandfather", _("Maternal grandfather")
    MATERNAL_GRANDMOTHER = "maternal_grandmother", _("Maternal grandmother")
    SIBLING = "sibling", _("Brother or sister")
    SIBLING_IN_LAW = "sibling_in_law", _("Brother's wife")
    UNCLE = "uncle", _("Father's brother")
    NEPHEW = "nephew", _("Nephew")
    NIECE = "niece", _("Niece")
    GREAT_GRANDSON = "great_grandson", _("Great-grandson")
    GREAT_GRANDDAUGHTER = "great_granddaughter", _("Great-granddaughter")
    OTHER = "other", _("Other relation")


class Sex(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class LaborCapacity(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary labor")
    SKILLED = "skilled", _("Skilled labor")
    WEAK = "weak", _("Weak or half labor")
    LOST = "lost", _("Lost labor capacity")
    NONE = "none", _("No labor capacity")


# 有劳动能力: the three capacities that count as able to work.
LABOR_CAPABLE = (LaborCapacity.ORDINARY, LaborCapacity.SKILLED, LaborCapacity.WEAK)


class Health(models.TextChoices):
    HEALTHY = "healthy", _("Healthy")
    CHRONIC = "chronic", _("Long-term chronic illness")
    SERIOUS = "serious", _("Serious illness")
    DISABLED = "disabled", _("Disabled")


class SchoolStage(models.TextChoices):
    NONE = "none", _("Not in school")
    PRESCHOOL = "preschool", _("Preschool")
    PRIMARY = "primary", _("Primary school")
    JUNIOR = "junior", _("Junior middle school")
    SENIOR = "senior", _("Senior high school")
    VOCATIONAL = "vocational", _("Secondary vocational school")
    COLLEGE = "college", _("College or above")


class Education(models.TextChoices):
    """文化程度 (highest schooling), as the national register codes it."""

    NONE = "", _("Not recorded")
    ILLITERATE = "illiterate", _("Illiterate or semi-literate")
    PRIMARY = "primary", _("Primary school")
    JUNIOR = "junior", _("Junior middle school")
    SENIOR = "senior", _("Senior high school")
    COLLEGE = "college", _("College or above")
    PRESCHOOL = "preschool", _("Preschool child")


class WorkStatus(models.TextChoices):
    """务工状况: where a member works for wages, as the national register codes it."""

    NONE = "", _("Not working away")
    IN_TOWNSHIP = "in_township", _("Within the township")
    IN_COUNTY = "in_county", _("Outside the township, within the county")
    IN_PROVINCE = "in_province", _("Outside the county, within the province")
    OUT_OF_PROVINCE = "out_of_province", _("Outside the province")
    OTHER = "other", _("Other work")


class PersonStatus(models.TextChoices):
    NORMAL = "normal", _("Normal")
    DECEASED = "deceased", _("Deceased")
    MOVED_OUT = "moved_out", _("Moved out")
