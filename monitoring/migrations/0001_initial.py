"""Monitoring moves from the projects app to its own: the models take over the tables projects created
(state only), and the content types (with their permissions and admin log entries) follow."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

MODELS = ("monitoringcase", "monitoringmeasure", "historicalmonitoringcase", "historicalmonitoringmeasure")


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MODELS:
        old = ContentType.objects.using(db).filter(app_label="projects", model=model).first()
        if old is None:
            continue
        if ContentType.objects.using(db).filter(app_label="monitoring", model=model).exists():
            continue
        old.app_label = "monitoring"
        old.save(update_fields=["app_label"])


def restore_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    ContentType.objects.using(db).filter(app_label="monitoring", model__in=MODELS).update(app_label="projects")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('households', '0004_labor_capable_index'),
        ('projects', '0003_list_order_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalMonitoringCase',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('type', models.CharField(choices=[('unstable', 'Exited but unstable household'), ('edge', 'Edge household at risk of poverty'), ('sudden_hardship', 'Household in sudden severe hardship')], max_length=16, verbose_name='monitoring type')),
                        ('identified_by', models.CharField(choices=[('self_report', 'Self-reported by the household'), ('cadre_visit', 'Found on cadre visits'), ('screening', 'Department data screening')], max_length=12, verbose_name='how identified')),
                        ('risk_illness', models.BooleanField(default=False, verbose_name='Illness')),
                        ('risk_disability', models.BooleanField(default=False, verbose_name='Disability')),
                        ('risk_disaster', models.BooleanField(default=False, verbose_name='Disaster')),
                        ('risk_accident', models.BooleanField(default=False, verbose_name='Accident')),
                        ('risk_unstable_employment', models.BooleanField(default=False, verbose_name='Unstable employment')),
                        ('risk_income_drop', models.BooleanField(default=False, verbose_name='Sharp fall in income')),
                        ('risk_expense_surge', models.BooleanField(default=False, verbose_name='Sharp rise in expenses')),
                        ('risk_other', models.BooleanField(default=False, verbose_name='Other risk')),
                        ('risk_note', models.CharField(blank=True, max_length=200, verbose_name='risk details')),
                        ('identified_on', models.DateField(verbose_name='date identified')),
                        ('income_per_member', models.DecimalField(blank=True, decimal_places=2, error_messages={'invalid': 'Enter an amount in yuan, such as 1200 or 1200.50.', 'max_decimal_places': 'Amounts have at most 2 decimal places.', 'max_digits': 'The amount is too large.', 'max_whole_digits': 'The amount is too large.'}, help_text='Empty when no income record was known.', max_digits=12, null=True, verbose_name='net income per member at identification (yuan)')),
                        ('status', models.CharField(choices=[('monitoring', 'Under monitoring'), ('cleared', 'Risk cleared')], default='monitoring', max_length=12, verbose_name='status')),
                        ('cleared_on', models.DateField(blank=True, null=True, verbose_name='date risk cleared')),
                        ('clearance_reason', models.CharField(blank=True, max_length=200, verbose_name='reason risk cleared')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('household', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='households.household', verbose_name='household')),
                    ],
                    options={
                        'db_table': 'projects_historicalmonitoringcase',
                        'verbose_name': 'historical monitoring case',
                        'verbose_name_plural': 'historical monitoring cases',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='MonitoringCase',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('type', models.CharField(choices=[('unstable', 'Exited but unstable household'), ('edge', 'Edge household at risk of poverty'), ('sudden_hardship', 'Household in sudden severe hardship')], max_length=16, verbose_name='monitoring type')),
                        ('identified_by', models.CharField(choices=[('self_report', 'Self-reported by the household'), ('cadre_visit', 'Found on cadre visits'), ('screening', 'Department data screening')], max_length=12, verbose_name='how identified')),
                        ('risk_illness', models.BooleanField(default=False, verbose_name='Illness')),
                        ('risk_disability', models.BooleanField(default=False, verbose_name='Disability')),
                        ('risk_disaster', models.BooleanField(default=False, verbose_name='Disaster')),
                        ('risk_accident', models.BooleanField(default=False, verbose_name='Accident')),
                        ('risk_unstable_employment', models.BooleanField(default=False, verbose_name='Unstable employment')),
                        ('risk_income_drop', models.BooleanField(default=False, verbose_name='Sharp fall in income')),
                        ('risk_expense_surge', models.BooleanField(default=False, verbose_name='Sharp rise in expenses')),
                        ('risk_other', models.BooleanField(default=False, verbose_name='Other risk')),
                        ('risk_note', models.CharField(blank=True, max_length=200, verbose_name='risk details')),
                        ('identified_on', models.DateField(verbose_name='date identified')),
                        ('income_per_member', models.DecimalField(blank=True, decimal_places=2, error_messages={'invalid': 'Enter an amount in yuan, such as 1200 or 1200.50.', 'max_decimal_places': 'Amounts have at most 2 decimal places.', 'max_digits': 'The amount is too large.', 'max_whole_digits': 'The amount is too large.'}, help_text='Empty when no income record was known.', max_digits=12, null=True, verbose_name='net income per member at identification (yuan)')),
                        ('status', models.CharField(choices=[('monitoring', 'Under monitoring'), ('cleared', 'Risk cleared')], default='monitoring', max_length=12, verbose_name='status')),
                        ('cleared_on', models.DateField(blank=True, null=True, verbose_name='date risk cleared')),
                        ('clearance_reason', models.CharField(blank=True, max_length=200, verbose_name='reason risk cleared')),
                        ('household', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='monitoring_cases', to='households.household', verbose_name='household')),
                    ],
                    options={
                        'db_table': 'projects_monitoringcase',
                        'verbose_name': 'monitoring case',
                        'verbose_name_plural': 'monitoring cases',
                        'ordering': ['household', '-identified_on'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalMonitoringMeasure',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('placement', 'Job placement'), ('pairing', 'Pairing'), ('household_project', 'Household project'), ('industry_benefit', 'Industry project benefit'), ('assistance', 'Assistance record'), ('other', 'Other measure')], max_length=20, verbose_name='kind of measure')),
                        ('description', models.CharField(blank=True, max_length=200, verbose_name='measure')),
                        ('start', models.DateField(blank=True, help_text='For a free-text measure.', null=True, verbose_name='start date')),
                        ('end', models.DateField(blank=True, help_text='Empty while ongoing.', null=True, verbose_name='end date')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('assistance', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='projects.assistancerecord', verbose_name='assistance record')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('household_project', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='projects.householdproject', verbose_name='household project')),
                        ('industry_benefit', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='projects.industrybeneficiary', verbose_name='industry project benefit')),
                        ('pairing', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='projects.pairing', verbose_name='pairing')),
                        ('placement', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='projects.employmentplacement', verbose_name='job placement')),
                        ('case', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='monitoring.monitoringcase', verbose_name='monitoring case')),
                    ],
                    options={
                        'db_table': 'projects_historicalmonitoringmeasure',
                        'verbose_name': 'historical monitoring measure',
                        'verbose_name_plural': 'historical monitoring measures',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='MonitoringMeasure',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('placement', 'Job placement'), ('pairing', 'Pairing'), ('household_project', 'Household project'), ('industry_benefit', 'Industry project benefit'), ('assistance', 'Assistance record'), ('other', 'Other measure')], max_length=20, verbose_name='kind of measure')),
                        ('description', models.CharField(blank=True, max_length=200, verbose_name='measure')),
                        ('start', models.DateField(blank=True, help_text='For a free-text measure.', null=True, verbose_name='start date')),
                        ('end', models.DateField(blank=True, help_text='Empty while ongoing.', null=True, verbose_name='end date')),
                        ('assistance', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='monitoring_measures', to='projects.assistancerecord', verbose_name='assistance record')),
                        ('case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='measures', to='monitoring.monitoringcase', verbose_name='monitoring case')),
                        ('household_project', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='monitoring_measures', to='projects.householdproject', verbose_name='household project')),
                        ('industry_benefit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='monitoring_measures', to='projects.industrybeneficiary', verbose_name='industry project benefit')),
                        ('pairing', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='monitoring_measures', to='projects.pairing', verbose_name='pairing')),
                        ('placement', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='monitoring_measures', to='projects.employmentplacement', verbose_name='job placement')),
                    ],
                    options={
                        'db_table': 'projects_monitoringmeasure',
                        'verbose_name': 'monitoring measure',
                        'verbose_name_plural': 'monitoring measures',
                        'ordering': ['case', 'pk'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='monitoringcase',
                    constraint=models.UniqueConstraint(condition=models.Q(('status', 'monitoring')), fields=('household',), name='one_open_monitoring_case_per_household', violation_error_message='This household is already under monitoring.'),
                ),
                migrations.AddConstraint(
                    model_name='monitoringcase',
                    constraint=models.CheckConstraint(condition=models.Q(('cleared_on__isnull', True), ('cleared_on__gte', models.F('identified_on')), _connector='OR'), name='monitoring_cleared_not_before_identified', violation_error_message='The date the risk was cleared cannot be before the date identified.'),
                ),
                migrations.AddConstraint(
                    model_name='monitoringcase',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'cleared'), _negated=True), models.Q(('cleared_on__isnull', False), models.Q(('clearance_reason', ''), _negated=True)), _connector='OR'), name='monitoring_cleared_has_date_and_reason', violation_error_message='A cleared case needs the date the risk was cleared and the reason.'),
                ),
                migrations.AddConstraint(
                    model_name='monitoringcase',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'monitoring'), _negated=True), models.Q(('cleared_on__isnull', True), ('clearance_reason', '')), _connector='OR'), name='monitoring_open_has_no_clearance', violation_error_message='A case under monitoring has no date or reason of clearance.'),
                ),
                migrations.AddConstraint(
                    model_name='monitoringcase',
                    constraint=models.CheckConstraint(condition=models.Q(('risk_illness', True), ('risk_disability', True), ('risk_disaster', True), ('risk_accident', True), ('risk_unstable_employment', True), ('risk_income_drop', True), ('risk_expense_surge', True), ('risk_other', True), _connector='OR'), name='monitoring_has_a_risk_cause', violation_error_message='Choose at least one risk cause.'),
                ),
                migrations.AddConstraint(
                    model_name='monitoringmeasure',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'placement'), ('placement__isnull', False), ('pairing__isnull', True), ('household_project__isnull', True), ('industry_benefit__isnull', True), ('assistance__isnull', True)), models.Q(('kind', 'pairing'), ('placement__isnull', True), ('pairing__isnull', False), ('household_project__isnull', True), ('industry_benefit__isnull', True), ('assistance__isnull', True)), models.Q(('kind', 'household_project'), ('placement__isnull', True), ('pairing__isnull', True), ('household_project__isnull', False), ('industry_benefit__isnull', True), ('assistance__isnull', True)), models.Q(('kind', 'industry_benefit'), ('placement__isnull', True), ('pairing__isnull', True), ('household_project__isnull', True), ('industry_benefit__isnull', False), ('assistance__isnull', True)), models.Q(('kind', 'assistance'), ('placement__isnull', True), ('pairing__isnull', True), ('household_project__isnull', True), ('industry_benefit__isnull', True), ('assistance__isnull', False)), models.Q(('kind', 'other'), ('placement__isnull', True), ('pairing__isnull', True), ('household_project__isnull', True), ('industry_benefit__isnull', True), ('assistance__isnull', True)), _connector='OR'), name='monitoring_measure_links_its_kind', violation_error_message='Link exactly the record the kind of measure names; a free-text measure links none.'),
                ),
                migrations.AddConstraint(
                    model_name='monitoringmeasure',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'other'), _negated=True), models.Q(models.Q(('description', ''), _negated=True), ('start__isnull', False)), _connector='OR'), name='monitoring_free_measure_has_text_and_date', violation_error_message='A free-text measure needs a description and a start date.'),
                ),
                migrations.AddConstraint(
                    model_name='monitoringmeasure',
                    constraint=models.CheckConstraint(condition=models.Q(('kind', 'other'), models.Q(('start__isnull', True), ('end__isnull', True)), _connector='OR'), name='monitoring_linked_measure_takes_its_dates', violation_error_message='A linked measure takes its dates from the linked record.'),
                ),
                migrations.AddConstraint(
                    model_name='monitoringmeasure',
                    constraint=models.CheckConstraint(condition=models.Q(('end__isnull', True), ('end__gte', models.F('start')), _connector='OR'), name='monitoring_measure_end_not_before_start', violation_error_message='The end date cannot be before the start date.'),
                ),
                migrations.AddConstraint(
                    model_name='monitoringmeasure',
                    constraint=models.UniqueConstraint(fields=('case', 'placement'), name='one_monitoring_measure_per_case_placement', violation_error_message='This record is already a measure of the case.'),
                ),
                migrations.AddConstraint(
                    model_name='monitoringmeasure',
                    constraint=models.UniqueConstraint(fields=('case', 'pairing'), name='one_monitoring_measure_per_case_pairing', violation_error_message='This record is already a measure of the case.'),
                ),
                migrations.AddConstraint(
                    model_name='monitoringmeasure',
                    constraint=models.UniqueConstraint(fields=('case', 'household_project'), name='one_monitoring_measure_per_case_household_project', violation_error_message='This record is already a measure of the case.'),
                ),
                migrations.AddConstraint(
                    model_name='monitoringmeasure',
                    constraint=models.UniqueConstraint(fields=('case', 'industry_benefit'), name='one_monitoring_measure_per_case_industry_benefit', violation_error_message='This record is already a measure of the case.'),
                ),
                migrations.AddConstraint(
                    model_name='monitoringmeasure',
                    constraint=models.UniqueConstraint(fields=('case', 'assistance'), name='one_monitoring_measure_per_case_assistance', violation_error_message='This record is already a measure of the case.'),
                ),
    
            ],
        ),
        migrations.RunPython(move_content_types, restore_content_types),
    ]
