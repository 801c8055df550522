# Friday, 16:47. Someone on the team runs:
kubectl set image deployment/api api=company/api:v2.3.1-hotfix
# No review. Who: at best in an audit log. Why: nowhere. Git still says v2.3.0.
