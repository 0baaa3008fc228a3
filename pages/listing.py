"""The list view every staff list shares: filters, search, sorting, pagination, export, drill-down."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from households.scope import Scope
from households.search_terms import query_with_term, redirect_hidden_term, search_term
from pages.filenames import download_name, figure_words
from workbooks.export import columns_xlsx, xlsx_response

SORT_PARAM = "sort"
# Parameters set by the search box or by a drill-down link, not by the filter box.
OUTSIDE_THE_FILTER_BOX = {"q", "qt", "indicator", "part", "as_of"}


@dataclass(frozen=True)
class Column:
    """A table column; `order` lists the fields it sorts by ("-field" sorts that field the other way)."""

    key: str
    label: str
    order: tuple = ()

    @property
    def sortable(self):
        return bool(self.order)

    def order_by(self, descending, model=None):
        """The order_by expressions for this column, empty values last either way.

        A column of `model` that cannot be empty is sorted plainly, so that an index can give the order.
        """
        expressions = []
        for field in self.order:
            reverse = field.startswith("-") != descending
            name = field.lstrip("-")
            expression = F(name)
            if model is not None and not _nullable(model, name):
                expressions.append(expression.desc() if reverse else expression.asc())
            else:
                expressions.append(expression.desc(nulls_last=True) if reverse else expression.asc(nulls_last=True))
        return expressions

    def orders_totally(self, model):
        """Whether this column alone gives `model`'s rows a total order (one unique field that cannot
        be empty), so that no tie-break by pk is needed and a unique index gives the order as it is."""
        if len(self.order) != 1:
            return False
        try:
            field = model._meta.get_field(self.order[0].lstrip("-"))
        except FieldDoesNotExist:
            return False
        return field.unique and not field.null


def _nullable(model, name):
    """Whether `name` may be empty: True for relations and annotations (not a column of `model`)."""
    try:
        return "__" in name or model._meta.get_field(name).null
    except FieldDoesNotExist:
        return True


VILLAGE = ("village__township__code", "village__code")


def village_column(path=""):
    """The "township and village" column of rows reached through `path` ("household__" …)."""
    return Column("village", _("Township and village"), tuple(f"{path}{field}" for field in VILLAGE))


@dataclass(frozen=True)
class HeaderCell:
    """A column as the table header shows it: its label, the sort it links to, its current direction."""

    column: Column
    next_sort: str
    direction: str  # "asc", "desc" or ""


class DecoratedPages:
    """A list's sorted rows, decorated (joins, subqueries) one page at a time, for the paginator.

    Slicing the decorated queryset would make the database compute every annotation of every row
    before the page (OFFSET): on a deep page of a province's register that is most of the time
    (docs/PERFORMANCE.md). Here a page's keys come from the plain sorted rows and only those rows are
    decorated, still in one query (`pk IN (sliced subquery)`).
    """

    ordered = True

    def __init__(self, rows, decorate, order):
        self.rows, self.decorate, self.order = rows.order_by(*order), decorate, order
        self.model = rows.model

    def count(self):
        return self.rows.count()

    def all(self):
        """Every row, decorated (what slicing the decorated queryset would have given)."""
        return self.decorate(self.rows).order_by(*self.order)

    def __getattr__(self, name):  # read like the queryset of every decorated row (values_list, exists ...)
        return getattr(self.all(), name)

    def __iter__(self):
        return iter(self.all())

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            raise TypeError("a page is a slice")
        keys = self.rows.values("pk")[key]
        return self.decorate(self.model._default_manager.filter(pk__in=keys)).order_by(*self.order)


class RegisterListView(ListView):
    """A filtered, searchable, sortable, paginated list of rows the user may see.

    Subclasses set `model`, `filterset_class`, `columns`, `default_sort`, `title`, `empty_message`
    and `template_name`, and `decorate()` the queryset with what the rows show. A list that opens
    from figures (?indicator=&part=) defines `find_drilldown()`, returning a `households.figures.Drilldown`
    or None.
    `?export=xlsx` downloads every row of the list (all pages) as the `export_sheet` of a register
    workbook, in the columns the import reads; a list with `export_columns` writes its own columns
    instead (`export_cells`), and offers the import sheet as `?export=sheet`.
    """

    filterset_class = None
    columns = ()
    default_sort = ""
    paginate_by = 50
    title = ""
    empty_message = ""
    export_sheet = ""
    export_columns = False  # ?export=xlsx writes the list's columns; ?export=sheet the import sheet
    parent = None  # (label, URL name) of the page above this list in the breadcrumbs

    def get(self, request, *args, **kwargs):
        hidden = redirect_hidden_term(request)
        if hidden is not None:
            return hidden
        self.drill = None
        self.drill_error = None
        if search_term(request)[1]:
            messages.warning(request, gettext("That search has expired: type it again."))
        export = request.GET.get("export")
        if export in {"xlsx", "sheet"} and self.export_sheet:
            rows = self.rows()
            if self.filterset.is_valid() and self.drill_error is None:
                if export == "xlsx" and self.export_columns:
                    column, descending = self.current_sort()
                    ordered = self.decorate(rows).order_by(*column.order_by(descending, self.model), "pk")
                    return columns_xlsx(request.user, ordered, self.export_headers(), self.export_cells,
                                        self.download_filename(), self.title)
                return xlsx_response(request.user, {self.export_sheet: rows}, self.download_filename())
        return super().get(request, *args, **kwargs)

    def export_headers(self):
        """The header of a download in the list's columns (lists with `export_columns`)."""
        return [column.label for column in self.columns]

    def export_cells(self, row):
        """One row of the list as cells, in the order of `columns` (lists with `export_columns`)."""
        raise NotImplementedError

    def download_filename(self):
        """What the download holds: the list, the figure and part it shows, the area and the date."""
        drill = self.drill
        if drill is not None:
            words, area, day = figure_words(drill.indicator, drill.part), drill.scope.area_name, drill.scope.as_of
        else:
            chosen = getattr(self.filterset.form, "cleaned_data", {})
            place = chosen.get("village") or chosen.get("township")
            area = place.name if place else Scope.for_user(self.request.user).area_name
            words, day = None, self.filterset.as_of_date
        return download_name(self.title, words, area, day.isoformat(), extension="xlsx")

    def base_queryset(self):
        """The rows the list starts from: the user's area, or the rows behind a dashboard figure."""
        try:
            self.drill = self.find_drilldown()
        except ValidationError as exc:
            self.drill_error = exc
            return self.model.objects.none()
        if self.drill is not None:
            return self.drill.rows
        return self.model.objects.for_user(self.request.user)

    def find_drilldown(self):
        """The figure this list was opened from (None: the whole list); ValidationError for a bad date."""
        return None

    def decorate(self, queryset):
        """Join and annotate what the rows show (select_related, Subquery); override per list."""
        return queryset

    def rows(self):
        """The rows on the list across all its pages (none while a filter value is invalid)."""
        self.filterset = self.filterset_class(
            query_with_term(self.request), queryset=self.base_queryset(), request=self.request
        )
        return self.filterset.qs if self.filterset.is_valid() else self.filterset.queryset.none()

    def get_queryset(self):
        column, descending = self.current_sort()
        order = column.order_by(descending, self.model)
        if not column.orders_totally(self.model):
            order = (*order, "pk")  # ties broken the same way on every page
        rows = self.rows()
        decorated = self.decorate(rows)
        if {field.lstrip("-").split("__")[0] for field in column.order} & set(decorated.query.annotations):
            return decorated.order_by(*order)  # sorted by what decorate() computes: decorate every row
        return DecoratedPages(rows, self.decorate, order)

    def current_sort(self):
        """The column the list is sorted by and whether it is descending."""
        by_key = {column.key: column for column in self.columns if column.sortable}
        value = self.request.GET.get(SORT_PARAM, "")
        key = value.lstrip("-")
        if key not in by_key:
            value = self.default_sort
            key = value.lstrip("-")
        return by_key[key], value.startswith("-")

    def header(self):
        """The header cells with the sort each one links to."""
        current, descending = self.current_sort()
        cells = []
        for column in self.columns:
            if not column.sortable:
                cells.append(HeaderCell(column, "", ""))
                continue
            active = column.key == current.key
            next_sort = f"-{column.key}" if active and not descending else column.key
            direction = ("desc" if descending else "asc") if active else ""
            cells.append(HeaderCell(column, next_sort, direction))
        return cells

    def breadcrumbs(self):
        """The trail above this list (the layout adds 首页)."""
        above = [(self.parent[0], reverse(self.parent[1]))] if self.parent else []
        return [*above, (self.title, None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.filterset.form
        context.update(
            title=self.title,
            empty_message=self.empty_message,
            filter=self.filterset,
            form=form,
            header=self.header(),
            total=context["paginator"].count if context.get("paginator") else len(context["object_list"]),
            drill=self.drill,
            drill_error=self.drill_error,
            search=form["q"],
            as_of=self.filterset.as_of_date,
            exportable=bool(self.export_sheet),
            sheet_export=self.export_sheet if self.export_columns else "",
            filters_used=any(
                self.request.GET.get(name) for name in form.fields if name not in OUTSIDE_THE_FILTER_BOX
            ),
            breadcrumbs=self.breadcrumbs(),
        )
        return context
